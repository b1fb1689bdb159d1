package dev.ferry.jms.metrics;

import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The meters of one destination, created once and kept by {@link FerryMetrics}. */
public final class DestinationMeters {

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter sent;
    private final Counter delivered;
    private final Counter acknowledged;
    private final Counter redelivered;
    private final Counter deadLettered;
    private final Timer sendDuration;
    private final Timer deliveryLatency;
    private final AtomicBoolean expiryWatched = new AtomicBoolean();

    DestinationMeters(MeterRegistry registry, String destination, DestinationKind kind) {
        this.registry = registry;
        this.tags = Tags.of(FerryMetrics.TAG_DESTINATION, destination, FerryMetrics.TAG_KIND,
                kind.name().toLowerCase());
        sent = counter(FerryMetrics.SENT, "messages sent (committed) to the destination");
        delivered = counter(FerryMetrics.DELIVERED, "messages handed to the application, redeliveries included");
        acknowledged = counter(FerryMetrics.ACKNOWLEDGED, "messages acknowledged or consumed in a committed transaction");
        redelivered = counter(FerryMetrics.REDELIVERED, "deliveries with JMSRedelivered set");
        deadLettered = counter(FerryMetrics.DEAD_LETTERED, "messages sent to the dead-letter queue");
        sendDuration = Timer.builder(FerryMetrics.SEND_DURATION).tags(tags)
                .description("time of a send outside a transaction, until its insert has committed")
                .register(registry);
        deliveryLatency = Timer.builder(FerryMetrics.DELIVERY_LATENCY).tags(tags)
                .description("from JMSTimestamp to the hand-out to the application")
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).tags(tags).description(description).register(registry);
    }

    /** A message was sent; {@code nanos} is how long its committed send took (0: counted at a transaction's commit). */
    public void sent(long nanos) {
        sent.increment();
        if (nanos > 0) {
            sendDuration.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void delivered(Delivery delivery) {
        delivered.increment();
        if (delivery.redelivered()) {
            redelivered.increment();
        }
        long timestamp = delivery.message().timestamp();
        if (timestamp > 0) {
            // JMSTimestamp may be disabled (0) or come from another clock; a negative latency is not recorded
            long latency = System.currentTimeMillis() - timestamp;
            if (latency >= 0) {
                deliveryLatency.record(latency, TimeUnit.MILLISECONDS);
            }
        }
    }

    void acknowledged() {
        acknowledged.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    /** The object the expired counter reads; referenced here so it lives as long as these meters. */
    private volatile ExpiredCount expiredCount;

    void watchExpiry(long queueId, MessageStore store) {
        if (!expiryWatched.get() && expiryWatched.compareAndSet(false, true)) {
            ExpiredCount count = new ExpiredCount(store, queueId);
            expiredCount = count; // Micrometer holds a function meter's object weakly: keep it alive here
            FunctionCounter.builder(FerryMetrics.EXPIRED, count, ExpiredCount::read).tags(tags)
                    .description("messages that expired in the queue (moved to the expiry queue or dropped)")
                    .register(registry);
        }
    }

    /** Reads the store's count when the registry is scraped; keeps the last value once the store is closed. */
    private static final class ExpiredCount {
        private final WeakReference<MessageStore> store;
        private final long queueId;
        private volatile double last;

        ExpiredCount(MessageStore store, long queueId) {
            this.store = new WeakReference<>(store);
            this.queueId = queueId;
        }

        double read() {
            MessageStore current = store.get();
            if (current != null) {
                try {
                    last = current.expiredCount(queueId);
                } catch (RuntimeException e) {
                    // closed or unreachable: the count cannot have gone down
                }
            }
            return last;
        }
    }
}
