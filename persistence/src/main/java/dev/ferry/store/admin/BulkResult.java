package dev.ferry.store.admin;

/**
 * What a bulk operation did.
 *
 * @param operation      e.g. "purge", "move", "replay-dead-letters"
 * @param touched        deliveries deleted, moved, replayed, exported or imported
 * @param skippedInFlight deliveries the selection covered that were leased to consumers and left alone
 * @param skippedOther   deliveries left alone for another reason (e.g. not dead-lettered, no original
 *                       destination, vanished meanwhile)
 * @param batches        transactions committed
 * @param cancelled      whether it stopped early on request
 * @param failure        why it stopped early, else {@code null}
 * @param millis         wall time taken
 */
public record BulkResult(String operation, long touched, long skippedInFlight, long skippedOther, int batches,
                         boolean cancelled, String failure, long millis) {

    public boolean succeeded() {
        return failure == null && !cancelled;
    }
}
