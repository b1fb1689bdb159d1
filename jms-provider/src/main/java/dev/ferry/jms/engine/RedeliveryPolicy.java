package dev.ferry.jms.engine;

/**
 * When a message handed to the application and not acknowledged is offered again: after {@code delay}, multiplied
 * by {@code backoff} for each further failed attempt, never more than {@code maxDelay}.
 */
public final class RedeliveryPolicy {

    private final long delayMillis;
    private final double backoff;
    private final long maxDelayMillis;

    public RedeliveryPolicy(long delayMillis, double backoff, long maxDelayMillis) {
        if (delayMillis < 0 || maxDelayMillis < 0) {
            throw new IllegalArgumentException("redelivery delays must not be negative");
        }
        if (!(backoff >= 1.0)) {
            throw new IllegalArgumentException("redelivery backoff must be at least 1.0, was " + backoff);
        }
        this.delayMillis = delayMillis;
        this.backoff = backoff;
        this.maxDelayMillis = maxDelayMillis;
    }

    /**
     * Delay after the given number of failed deliveries (1 for the first failure): the first redelivery waits
     * {@code delay}, the n-th {@code delay * backoff^(n-1)}, capped at {@code maxDelay}.
     */
    public long delayAfter(int failedDeliveries) {
        if (delayMillis == 0) {
            return 0;
        }
        double delay = delayMillis * Math.pow(backoff, Math.max(0, failedDeliveries - 1));
        return delay >= maxDelayMillis ? maxDelayMillis : (long) delay;
    }

    /** Epoch millis from which a delivery that failed for the {@code failedDeliveries}-th time is ready again. */
    public long readyAt(long now, int failedDeliveries) {
        return now + delayAfter(failedDeliveries);
    }

    public long delayMillis() {
        return delayMillis;
    }

    public double backoff() {
        return backoff;
    }

    public long maxDelayMillis() {
        return maxDelayMillis;
    }

    @Override
    public String toString() {
        return "RedeliveryPolicy[delay=" + delayMillis + "ms, backoff=" + backoff + ", maxDelay=" + maxDelayMillis
                + "ms]";
    }
}
