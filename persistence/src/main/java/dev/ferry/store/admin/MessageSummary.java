package dev.ferry.store.admin;

/**
 * One row of a browse: the headers an operator scans a list by.
 *
 * @param deliveryId          the delivery (what operations on selected rows name)
 * @param queueId             its queue
 * @param jmsMessageId        {@code JMSMessageID}, or {@code null}
 * @param correlationId       {@code JMSCorrelationID}, or {@code null}
 * @param type                {@code JMSType}, or {@code null}
 * @param sentAt              {@code JMSTimestamp}
 * @param priority            0..9
 * @param persistent          delivery mode
 * @param expiration          epoch millis, 0 for never
 * @param readyAt             when it can be delivered (delivery time or redelivery due time)
 * @param deliveryCount       deliveries so far ({@code JMSXDeliveryCount} of the last one)
 * @param state               ready, scheduled, in flight or expired
 * @param bodyType            the messaging layer's body type code
 * @param bodySize            bytes of the stored body
 * @param originalDestination where a dead-lettered or expired message was before, else {@code null}
 * @param failureReason       why it was dead-lettered, else {@code null}
 * @param replayCount         times an operator replayed it
 */
public record MessageSummary(long deliveryId, long queueId, String jmsMessageId, String correlationId, String type,
                             long sentAt, int priority, boolean persistent, long expiration, long readyAt,
                             int deliveryCount, DeliveryState state, int bodyType, int bodySize,
                             String originalDestination, String failureReason, int replayCount) {
}
