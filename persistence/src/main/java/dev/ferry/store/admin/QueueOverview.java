package dev.ferry.store.admin;

import dev.ferry.store.DestinationKind;

/**
 * Counts of one holder of deliveries (a JMS queue, or a topic subscription) at one instant.
 *
 * <p>Rates: {@code enqueued} and {@code dequeued} are cumulative counters kept by every node in memory
 * (increments on the hot path are a {@code LongAdder} each) and written to {@code ferry_queue_counter} by the
 * node's heartbeat; the figures here are the sum over nodes, so they lag by up to one heartbeat interval. A
 * console derives rates from two samples. Consumers are not known to the store: {@code leaseHolders} counts the
 * nodes that hold deliveries of this queue in flight right now.
 *
 * @param queueId              the delivery queue
 * @param destinationId        its destination (for a subscription: the topic)
 * @param destinationName      name of the queue or topic
 * @param kind                 {@link DestinationKind#QUEUE}, or {@link DestinationKind#TOPIC} for a subscription
 * @param subscriptionName     for a subscription: its name ({@code null} when unshared non-durable)
 * @param clientId             for a subscription: its client identifier, else {@code null}
 * @param durable              for a subscription: whether durable
 * @param paused               whether delivery from its destination is paused
 * @param ready                deliveries a consumer could claim now
 * @param inFlight             deliveries leased to consumers
 * @param scheduled            deliveries whose delivery time or redelivery delay is ahead
 * @param deadLettered         deliveries in this queue that were dead-lettered into it (they carry an original
 *                             destination and a failure reason other than expiry)
 * @param expired              messages expired in this queue since it was created (moved or dropped)
 * @param oldestReadyTimestamp send time of the oldest ready message, 0 when none
 * @param enqueued             deliveries added since the queue was created (sends, moves, replays in)
 * @param dequeued             deliveries handed to consumers (claimed, redeliveries included) since the queue
 *                             was created: counted where the store sees them without extra work on the
 *                             acknowledgement
 * @param leaseHolders         nodes holding at least one of its deliveries in flight
 */
public record QueueOverview(long queueId, long destinationId, String destinationName, DestinationKind kind,
                            String subscriptionName, String clientId, boolean durable, boolean paused,
                            long ready, long inFlight, long scheduled, long deadLettered, long expired,
                            long oldestReadyTimestamp, long enqueued, long dequeued, int leaseHolders) {

    /** Every delivery the queue holds: ready, in flight and scheduled. */
    public long depth() {
        return ready + inFlight + scheduled;
    }

    public boolean isSubscription() {
        return kind == DestinationKind.TOPIC;
    }
}
