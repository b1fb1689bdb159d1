package dev.ferry.console.services;

import dev.ferry.store.admin.QueueOverview;
import dev.ferry.store.admin.StoreAdministration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Enqueue and dequeue rates of the whole store over the last minutes, derived from two successive samples of
 * the store's cumulative counters ({@link QueueOverview#enqueued()}, {@link QueueOverview#dequeued()}). One
 * sampler per console, fed by the dashboard's refresh; bounded memory ({@link #MAX_POINTS} points).
 */
public final class RateSampler {

    /** Points kept: at one sample every 2 seconds, five minutes. */
    public static final int MAX_POINTS = 150;

    /** One point of the chart: per-second rates at a time. */
    public record Point(long at, double enqueuedPerSecond, double dequeuedPerSecond, long depth) {
    }

    private final StoreAdministration admin;
    private final Deque<Point> points = new ArrayDeque<>();
    private long lastAt;
    private long lastEnqueued = -1;
    private long lastDequeued;

    RateSampler(StoreAdministration admin) {
        this.admin = admin;
    }

    /** Takes a sample now unless one was taken less than {@code minIntervalMillis} ago. */
    public synchronized void sample(long minIntervalMillis) {
        long now = System.currentTimeMillis();
        if (now - lastAt < minIntervalMillis) {
            return;
        }
        record(now, admin.overview());
    }

    synchronized void record(long now, List<QueueOverview> overview) {
        long enqueued = 0;
        long dequeued = 0;
        long depth = 0;
        for (QueueOverview queue : overview) {
            enqueued += queue.enqueued();
            dequeued += queue.dequeued();
            depth += queue.depth();
        }
        if (lastEnqueued >= 0 && now > lastAt) {
            double seconds = (now - lastAt) / 1000.0;
            points.addLast(new Point(now, Math.max(0, enqueued - lastEnqueued) / seconds,
                    Math.max(0, dequeued - lastDequeued) / seconds, depth));
            while (points.size() > MAX_POINTS) {
                points.removeFirst();
            }
        }
        lastAt = now;
        lastEnqueued = enqueued;
        lastDequeued = dequeued;
    }

    public synchronized List<Point> points() {
        return new ArrayList<>(points);
    }
}
