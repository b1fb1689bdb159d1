package dev.ferry.jms.engine;

import java.util.concurrent.TimeUnit;

/**
 * What an idle session waits on: rung when one of its queues received deliveries, when its connection starts,
 * when it closes. Waiters read {@link #rings()} before they look for work and wait only while it is unchanged, so
 * a ring between the look and the wait is never lost.
 */
public final class Doorbell {

    private long rings;

    public synchronized long rings() {
        return rings;
    }

    public synchronized void ring() {
        rings++;
        notifyAll();
    }

    /**
     * Waits until the bell rang after {@code seen} was read, or until {@code deadlineNanos} ({@link System#nanoTime()}
     * scale). Returns early, with the thread's interrupt flag set, when interrupted.
     */
    public synchronized void await(long seen, long deadlineNanos) {
        while (rings == seen) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
