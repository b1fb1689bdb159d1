package dev.ferry.jms.engine;

import dev.ferry.store.WakeUpListener;

import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Wakes the feeds of a queue as soon as a commit in this JVM (or a notification from another) made deliveries
 * ready there, so that idle consumers do not wait for the polling fallback (DESIGN.md #5).
 */
final class WakeUpSignals implements WakeUpListener {

    private final Map<Long, Set<DeliveryFeed>> feedsByQueue = new ConcurrentHashMap<>();
    /** Consumers that went idle, per queue, oldest first; an entry whose feed is no longer idle is skipped. */
    private final Map<Long, Queue<DeliveryFeed>> idleByQueue = new ConcurrentHashMap<>();

    /** A feed became idle (see {@link DeliveryFeed#takeForHandOff()}). */
    void idle(DeliveryFeed feed) {
        Queue<DeliveryFeed> idle = idleByQueue.computeIfAbsent(feed.queueId(), id -> new ConcurrentLinkedQueue<>());
        if (!idle.contains(feed)) {
            idle.add(feed);
        }
    }

    /**
     * An idle consumer of the queue, taken for one send, or {@code null} when none waits. The longest idle goes
     * first, so that a queue's consumers take turns.
     */
    DeliveryFeed takeIdle(long queueId) {
        Queue<DeliveryFeed> idle = idleByQueue.get(queueId);
        if (idle == null) {
            return null;
        }
        for (DeliveryFeed feed = idle.poll(); feed != null; feed = idle.poll()) {
            if (feed.takeForHandOff()) {
                return feed;
            }
        }
        return null;
    }

    void register(DeliveryFeed feed) {
        feedsByQueue.computeIfAbsent(feed.queueId(), id -> new CopyOnWriteArraySet<>()).add(feed);
    }

    void unregister(DeliveryFeed feed) {
        feedsByQueue.computeIfPresent(feed.queueId(), (id, feeds) -> {
            feeds.remove(feed);
            return feeds.isEmpty() ? null : feeds;
        });
        Queue<DeliveryFeed> idle = idleByQueue.get(feed.queueId());
        if (idle != null) {
            idle.remove(feed);
        }
    }

    @Override
    public void deliveriesAdded(Set<Long> queueIds) {
        wake(queueIds);
    }

    /** After lease recovery, when it is not known which queues regained deliveries. */
    void wakeAll() {
        for (Set<DeliveryFeed> feeds : feedsByQueue.values()) {
            for (DeliveryFeed feed : feeds) {
                feed.wake();
            }
        }
    }

    void wake(Collection<Long> queueIds) {
        for (Long queueId : queueIds) {
            Set<DeliveryFeed> feeds = feedsByQueue.get(queueId);
            if (feeds != null) {
                for (DeliveryFeed feed : feeds) {
                    feed.wake();
                }
            }
        }
    }
}
