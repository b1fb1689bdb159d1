package dev.ferry.store.admin;

import dev.ferry.store.MessageRecord;

/**
 * A consumed message kept for replay.
 *
 * @param id              row id in {@code ferry_retained}
 * @param destinationName where it was consumed
 * @param subscriptionQueueId for a topic: the subscription that consumed it, else the queue
 * @param consumedAt      epoch millis of the acknowledgement
 * @param retainedUntil   when housekeeping removes it
 * @param deliveryCount   deliveries it took
 * @param message         the message as it was stored
 */
public record RetainedMessage(long id, String destinationName, long subscriptionQueueId, long consumedAt,
                              long retainedUntil, int deliveryCount, MessageRecord message) {
}
