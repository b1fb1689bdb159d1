package dev.ferry.bench.workload;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out sequence numbers 0, 1, 2 … to the senders of a pass until a count is reached or the pass's
 * time is up, whichever comes first. The number handed out is the number the receivers must get.
 */
public final class SendBudget {

    private final long limit;
    private final Duration duration;
    private final AtomicLong next = new AtomicLong();
    private volatile long deadlineNanos;
    private volatile boolean started;

    private SendBudget(long limit, Duration duration) {
        this.limit = limit;
        this.duration = duration;
    }

    public static SendBudget count(long messages) {
        if (messages <= 0) {
            throw new IllegalArgumentException("a pass needs at least one message, got " + messages);
        }
        return new SendBudget(messages, null);
    }

    /** No count limit; stops when {@code duration} has passed since {@link #start()}. */
    public static SendBudget duration(Duration duration) {
        return countWithin(Integer.MAX_VALUE, duration);
    }

    public static SendBudget countWithin(long messages, Duration duration) {
        if (messages <= 0 || !duration.isPositive()) {
            throw new IllegalArgumentException("a pass needs a positive count and duration, got " + messages
                    + " messages in " + duration);
        }
        return new SendBudget(messages, duration);
    }

    /** Starts the clock; call when the senders start. */
    public SendBudget start() {
        if (duration != null) {
            deadlineNanos = System.nanoTime() + duration.toNanos();
        }
        started = true;
        return this;
    }

    /** The next sequence number to send, or -1 when the budget is spent. */
    public long next() {
        if (!started) {
            throw new IllegalStateException("the budget's clock was not started");
        }
        if (duration != null && System.nanoTime() - deadlineNanos >= 0) {
            return -1;
        }
        while (true) {
            long current = next.get();
            if (current >= limit) {
                return -1;
            }
            if (next.compareAndSet(current, current + 1)) {
                return current;
            }
        }
    }

    /** How many sequence numbers were handed out. */
    public long issued() {
        return next.get();
    }

    /** True when the count, not the clock, ended the pass. */
    public boolean countReached() {
        return next.get() >= limit;
    }

    /** The time bound of the pass, zero when only the count bounds it. */
    public Duration timeBound() {
        return duration == null ? Duration.ZERO : duration;
    }
}
