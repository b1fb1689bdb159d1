package dev.ferry.store;

/** What becomes of a claimed delivery that was not acknowledged. */
public sealed interface Settlement permits Settlement.Unconsumed, Settlement.Redeliver, Settlement.DeadLetter {

    long deliveryId();

    /**
     * Claimed (prefetched) but never handed to the application: back to the queue as if never claimed, its
     * delivery count restored.
     */
    record Unconsumed(long deliveryId) implements Settlement {
    }

    /** Handed to the application and not acknowledged: offered again from {@code readyAt} (epoch millis). */
    record Redeliver(long deliveryId, long readyAt) implements Settlement {
    }

    /** Given up: moved to the dead-letter queue with the reason and the queue it came from recorded. */
    record DeadLetter(long deliveryId, String deadLetterQueue, String reason) implements Settlement {
    }
}
