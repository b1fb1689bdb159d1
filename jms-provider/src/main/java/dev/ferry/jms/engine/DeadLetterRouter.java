package dev.ferry.jms.engine;

import dev.ferry.jms.metrics.FerryMetrics;
import dev.ferry.store.Delivery;
import dev.ferry.store.Settlement;

/**
 * Decides what becomes of a delivery the application did not acknowledge: offered again under the
 * {@link RedeliveryPolicy}, or moved to the dead-letter queue once it has used up its delivery attempts.
 */
public final class DeadLetterRouter {

    private final int maxDeliveryAttempts;
    private final String deadLetterQueue;

    public DeadLetterRouter(int maxDeliveryAttempts, String deadLetterQueue) {
        if (maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("max delivery attempts must be at least 1, was " + maxDeliveryAttempts);
        }
        if (deadLetterQueue == null || deadLetterQueue.isBlank()) {
            throw new IllegalArgumentException("dead-letter queue name must not be blank");
        }
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.deadLetterQueue = deadLetterQueue;
    }

    /** The same router with another limit (a consumer's override, {@link DeliveryOverrides}). */
    public DeadLetterRouter withMaxDeliveryAttempts(int attempts) {
        return new DeadLetterRouter(attempts, deadLetterQueue);
    }

    /** The settlement of a delivery that was handed to the application and came back unacknowledged. */
    public Settlement returned(Delivery delivery, String queueName, RedeliveryPolicy redelivery, long now) {
        if (delivery.deliveryCount() >= maxDeliveryAttempts && mayDeadLetter(delivery, queueName)) {
            FerryMetrics.deadLettered(delivery);
            return new Settlement.DeadLetter(delivery.deliveryId(), deadLetterQueue, exhaustedReason());
        }
        return new Settlement.Redeliver(delivery.deliveryId(), redelivery.readyAt(now, delivery.deliveryCount()));
    }

    /**
     * For a delivery just claimed: dead-letters it when it has already been delivered more often than allowed
     * (a node holding it died, and its lease was recovered with the count incremented), else {@code null}.
     */
    public Settlement beforeDelivery(Delivery delivery, String queueName) {
        if (delivery.deliveryCount() > maxDeliveryAttempts && mayDeadLetter(delivery, queueName)) {
            FerryMetrics.deadLettered(delivery);
            return new Settlement.DeadLetter(delivery.deliveryId(), deadLetterQueue, exhaustedReason());
        }
        return null;
    }

    /**
     * A message already in its dead-letter queue, or already dead-lettered or expired once (its failure reason
     * says so), stays where it is: its count keeps growing and would otherwise bounce it from queue to queue.
     */
    private boolean mayDeadLetter(Delivery delivery, String queueName) {
        return delivery.failureReason() == null && !deadLetterQueue.equals(queueName);
    }

    /** Settlement for a delivery whose stored form cannot be turned back into a message. */
    public Settlement undecodable(Delivery delivery, Exception failure) {
        FerryMetrics.deadLettered(delivery);
        return new Settlement.DeadLetter(delivery.deliveryId(), deadLetterQueue,
                "message could not be decoded: " + failure.getMessage());
    }

    private String exhaustedReason() {
        return "exceeded " + maxDeliveryAttempts + " delivery attempts";
    }

    public int maxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public String deadLetterQueue() {
        return deadLetterQueue;
    }

    @Override
    public String toString() {
        return "DeadLetterRouter[maxAttempts=" + maxDeliveryAttempts + ", deadLetterQueue=" + deadLetterQueue + "]";
    }
}
