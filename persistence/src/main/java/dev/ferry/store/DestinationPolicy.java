package dev.ferry.store;

/**
 * Delivery rules of one destination. A {@code null} field means "use the broker-wide default"; the messaging
 * layer resolves the effective value.
 *
 * @param deadLetterQueue       name of the queue that receives messages past {@code maxDeliveryAttempts}
 * @param maxDeliveryAttempts   deliveries before a message is dead-lettered
 * @param redeliveryDelayMillis delay before a returned message is offered again
 * @param redeliveryBackoff     multiplier applied to the delay for each further attempt (1.0 = constant)
 * @param maxRedeliveryDelayMillis upper bound of the backed-off delay
 * @param expiryQueue           name of the queue that receives expired messages, or {@code null} to drop them
 * @param paused                whether delivery to consumers is suspended
 */
public record DestinationPolicy(
        String deadLetterQueue,
        Integer maxDeliveryAttempts,
        Long redeliveryDelayMillis,
        Double redeliveryBackoff,
        Long maxRedeliveryDelayMillis,
        String expiryQueue,
        boolean paused) {

    public static final DestinationPolicy DEFAULTS = new DestinationPolicy(null, null, null, null, null, null, false);
}
