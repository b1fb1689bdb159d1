package dev.ferry.store.admin;

import java.util.Objects;

/**
 * How a replay sends messages again.
 *
 * @param target     name of the queue to send to, or {@code null} for the message's original destination
 * @param properties what to do with the properties on the way
 * @param batchSize  rows per transaction
 */
public record ReplayOptions(String target, PropertyRewrite properties, int batchSize) {

    public static final ReplayOptions TO_ORIGIN = new ReplayOptions(null, PropertyRewrite.KEEP_ALL,
            StoreAdministration.DEFAULT_BATCH_SIZE);

    public ReplayOptions {
        Objects.requireNonNull(properties, "properties");
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be 1..100000, was " + batchSize);
        }
        if (target != null && target.isBlank()) {
            target = null;
        }
    }

    public ReplayOptions to(String queue) {
        return new ReplayOptions(queue, properties, batchSize);
    }

    public ReplayOptions rewriting(PropertyRewrite rewrite) {
        return new ReplayOptions(target, rewrite, batchSize);
    }

    public ReplayOptions inBatchesOf(int rows) {
        return new ReplayOptions(target, properties, rows);
    }
}
