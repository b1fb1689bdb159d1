package dev.ferry.jms.metrics;

import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ferry's Micrometer meters, per destination (names in {@code docs/metrics.md}). An application or server binds
 * its registry with {@link #bindTo(MeterRegistry)}; until then the meters go to Micrometer's global registry
 * ({@link Metrics#globalRegistry}), which records nothing until someone adds a registry to it.
 *
 * <p>The engine calls the static methods on its hot path; each is a map look-up of the destination's cached
 * meters and an increment: no meter is created or tagged per message.
 */
public final class FerryMetrics {

    public static final String SENT = "ferry.messages.sent";
    public static final String DELIVERED = "ferry.messages.delivered";
    public static final String ACKNOWLEDGED = "ferry.messages.acknowledged";
    public static final String REDELIVERED = "ferry.messages.redelivered";
    public static final String DEAD_LETTERED = "ferry.messages.deadlettered";
    public static final String EXPIRED = "ferry.messages.expired";
    public static final String SEND_DURATION = "ferry.send.duration";
    public static final String DELIVERY_LATENCY = "ferry.delivery.latency";
    public static final String TAG_DESTINATION = "destination";
    public static final String TAG_KIND = "kind";

    private static volatile MeterRegistry registry = Metrics.globalRegistry;
    private static final Map<String, DestinationMeters> METERS = new ConcurrentHashMap<>();
    /** Meters by destination id, for sends that only carry the id (a transaction's, counted at commit). */
    private static final Map<Long, DestinationMeters> BY_ID = new ConcurrentHashMap<>();

    private FerryMetrics() {
    }

    /**
     * Sends Ferry's meters to {@code target} from now on (e.g. a server's Prometheus registry). Meters created in
     * the previous registry stay there; counts start again in the new one.
     */
    public static synchronized void bindTo(MeterRegistry target) {
        registry = Objects.requireNonNull(target, "registry");
        METERS.clear();
        BY_ID.clear();
    }

    /** The registry the meters go to. */
    public static MeterRegistry registry() {
        return registry;
    }

    /** The meters of one destination, created at its first use. */
    public static DestinationMeters of(String destination, DestinationKind kind) {
        String key = kind.code() + destination;
        DestinationMeters meters = METERS.get(key);
        if (meters == null) {
            meters = METERS.computeIfAbsent(key, k -> new DestinationMeters(registry, destination, kind));
        }
        return meters;
    }

    /** The meters of a destination the store knows, remembered by its id too. */
    public static DestinationMeters of(dev.ferry.store.Destination destination) {
        DestinationMeters meters = BY_ID.get(destination.id());
        if (meters == null) {
            meters = of(destination.name(), destination.kind());
            BY_ID.put(destination.id(), meters);
        }
        return meters;
    }

    /** A message of a committed transaction was sent to the destination of that id (seen before by {@link #of}). */
    public static void sentInTransaction(long destinationId) {
        DestinationMeters meters = BY_ID.get(destinationId);
        if (meters != null) {
            meters.sent(0);
        }
    }

    /** A message was sent to the destination; {@code nanos} is how long the committed send took (0: in a transaction). */
    public static void sent(String destination, DestinationKind kind, long nanos) {
        of(destination, kind).sent(nanos);
    }

    /** A delivery was handed to the application (a receive returned it, or a listener gets it). */
    public static void delivered(Delivery delivery) {
        of(delivery.destinationName(), delivery.destinationKind()).delivered(delivery);
    }

    public static void acknowledged(Delivery delivery) {
        of(delivery.destinationName(), delivery.destinationKind()).acknowledged();
    }

    /** The engine decided to dead-letter the delivery. */
    public static void deadLettered(Delivery delivery) {
        of(delivery.destinationName(), delivery.destinationKind()).deadLettered();
    }

    /**
     * Counts the expired messages of a queue from the store's own count when the registry is read (the store
     * expires messages in bulk, off any consumer's path). Registered once per queue.
     */
    public static void watchExpiry(String queue, long queueId, MessageStore store) {
        if (queueId != 0) {
            of(queue, DestinationKind.QUEUE).watchExpiry(queueId, store);
        }
    }
}
