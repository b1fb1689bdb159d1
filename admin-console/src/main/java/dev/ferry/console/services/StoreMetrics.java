package dev.ferry.console.services;

import dev.ferry.store.admin.QueueOverview;
import dev.ferry.store.admin.StoreAdministration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Store-level gauges per queue and subscription, read from the store when metrics are scraped (so every node's
 * messages count, not only this JVM's):
 * <ul>
 *   <li>{@code ferry_queue_depth} — deliveries held: ready, in flight and scheduled</li>
 *   <li>{@code ferry_queue_ready}, {@code ferry_queue_in_flight}, {@code ferry_queue_scheduled}</li>
 *   <li>{@code ferry_queue_dead_lettered} — deliveries dead-lettered into the queue</li>
 *   <li>{@code ferry_queue_expired} — messages expired from the queue since it was created</li>
 *   <li>{@code ferry_queue_oldest_ready_age_seconds} — age of the oldest ready message, 0 when none</li>
 *   <li>{@code ferry_queue_enqueued}, {@code ferry_queue_dequeued} — deliveries added, and handed to consumers
 *       (redeliveries included), since the queue was created (rates: {@code rate()})</li>
 * </ul>
 * Tags: {@code destination}, {@code kind} ({@code queue} or {@code subscription}), {@code subscription} (its
 * name, empty for a queue). Gauges of deleted queues are removed at the next scrape.
 */
public final class StoreMetrics {

    private final StoreAdministration admin;
    private final MeterRegistry registry;
    private final Map<Long, QueueOverview> latest = new HashMap<>();
    private final Map<Long, List<Meter>> meters = new HashMap<>();

    public StoreMetrics(StoreAdministration admin, MeterRegistry registry) {
        this.admin = admin;
        this.registry = registry;
    }

    /** Reads the counts from the store; call before each scrape. */
    public synchronized void refresh() {
        List<QueueOverview> overview = admin.overview();
        Set<Long> present = new HashSet<>();
        for (QueueOverview queue : overview) {
            present.add(queue.queueId());
            latest.put(queue.queueId(), queue);
            meters.computeIfAbsent(queue.queueId(), id -> register(queue));
        }
        for (Long gone : new HashSet<>(meters.keySet())) {
            if (!present.contains(gone)) {
                meters.remove(gone).forEach(registry::remove);
                latest.remove(gone);
            }
        }
    }

    private List<Meter> register(QueueOverview queue) {
        long id = queue.queueId();
        Tags tags = Tags.of("destination", queue.destinationName(),
                "kind", queue.isSubscription() ? "subscription" : "queue",
                "subscription", queue.subscriptionName() == null ? "" : queue.subscriptionName());
        List<Meter> list = new ArrayList<>();
        list.add(gauge("ferry.queue.depth", "Deliveries held: ready, in flight and scheduled", tags, id, "depth"));
        list.add(gauge("ferry.queue.ready", "Deliveries a consumer could claim now", tags, id, "ready"));
        list.add(gauge("ferry.queue.in.flight", "Deliveries leased to consumers", tags, id, "inFlight"));
        list.add(gauge("ferry.queue.scheduled", "Deliveries whose delivery time is ahead", tags, id, "scheduled"));
        list.add(gauge("ferry.queue.dead.lettered", "Deliveries dead-lettered into this queue", tags, id,
                "deadLettered"));
        list.add(gauge("ferry.queue.expired", "Messages expired from this queue since it was created", tags, id,
                "expired"));
        list.add(Gauge.builder("ferry.queue.oldest.ready.age", this, m -> m.oldestReadyAgeSeconds(id))
                .description("Age of the oldest ready message, 0 when none").baseUnit("seconds").tags(tags)
                .register(registry));
        list.add(gauge("ferry.queue.enqueued", "Deliveries added since the queue was created", tags, id,
                "enqueued"));
        list.add(gauge("ferry.queue.dequeued", "Deliveries handed to consumers (redeliveries included) since the queue was created", tags, id,
                "dequeued"));
        return list;
    }

    private Gauge gauge(String name, String description, Tags tags, long id, String field) {
        return Gauge.builder(name, this, m -> m.value(id, field)).description(description).tags(tags)
                .register(registry);
    }

    private synchronized double value(long id, String field) {
        QueueOverview queue = latest.get(id);
        if (queue == null) {
            return Double.NaN;
        }
        return switch (field) {
            case "depth" -> queue.depth();
            case "ready" -> queue.ready();
            case "inFlight" -> queue.inFlight();
            case "scheduled" -> queue.scheduled();
            case "deadLettered" -> queue.deadLettered();
            case "expired" -> queue.expired();
            case "enqueued" -> queue.enqueued();
            case "dequeued" -> queue.dequeued();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private synchronized double oldestReadyAgeSeconds(long id) {
        QueueOverview queue = latest.get(id);
        if (queue == null) {
            return Double.NaN;
        }
        long oldest = queue.oldestReadyTimestamp();
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest) / 1000.0;
    }
}
