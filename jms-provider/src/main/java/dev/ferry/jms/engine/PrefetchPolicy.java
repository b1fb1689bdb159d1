package dev.ferry.jms.engine;

/**
 * How many deliveries a consumer claims from the store at a time. More means fewer round trips; fewer means
 * competing consumers share a backlog more evenly and fewer messages wait in a buffer under lease.
 */
public final class PrefetchPolicy {

    private final int batchSize;

    public PrefetchPolicy(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public String toString() {
        return "PrefetchPolicy[" + batchSize + "]";
    }
}
