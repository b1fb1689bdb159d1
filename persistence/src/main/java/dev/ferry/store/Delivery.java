package dev.ferry.store;

/**
 * One message on its way to one queue (a JMS queue or a topic subscription).
 *
 * @param deliveryId          surrogate key of the delivery; what acknowledgements name
 * @param queueId             the delivery queue holding it
 * @param messageRowId        the stored message it refers to (shared by all deliveries of a topic message)
 * @param deliveryCount       times this delivery has been handed to a consumer, including the current one
 *                            ({@code JMSXDeliveryCount})
 * @param destinationName     name of the destination the message was sent to
 * @param destinationKind     kind of the destination the message was sent to
 * @param originalDestination for a dead-lettered or expired delivery: where it was before, else {@code null}
 * @param failureReason       for a dead-lettered delivery: why, else {@code null}
 * @param message             the message itself
 */
public record Delivery(
        long deliveryId,
        long queueId,
        long messageRowId,
        int deliveryCount,
        String destinationName,
        DestinationKind destinationKind,
        String originalDestination,
        String failureReason,
        MessageRecord message) {

    /** The spec's {@code JMSRedelivered}: true when this is not the first delivery. */
    public boolean redelivered() {
        return deliveryCount > 1;
    }
}
