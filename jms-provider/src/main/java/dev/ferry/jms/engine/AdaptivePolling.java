package dev.ferry.jms.engine;

import dev.ferry.store.MessageStore;

import java.util.concurrent.TimeUnit;

/**
 * How long an idle consumer waits before it looks at the store again when no wake-up arrives. When the store
 * hears other nodes' commits (PostgreSQL LISTEN/NOTIFY, or a database no other node can open) the wait is
 * {@code ferry.poll.interval}, a safety net only. Otherwise polling is what finds other nodes' messages, and it
 * adapts: right after this broker last received, consumers look again after {@code ferry.poll.minInterval}; the
 * wait grows with the idle time (a quarter of it) up to {@code ferry.poll.interval}, so a busy exchange between
 * nodes keeps a short latency and an idle broker costs few queries.
 */
final class AdaptivePolling {

    private final MessageStore store;
    private final long minMillis;
    private final long maxMillis;
    private volatile long lastActivityNanos = System.nanoTime();

    AdaptivePolling(MessageStore store, long minMillis, long maxMillis) {
        this.store = store;
        this.maxMillis = Math.max(1, maxMillis);
        this.minMillis = Math.max(1, Math.min(minMillis, this.maxMillis));
    }

    /** A consumer of this broker claimed deliveries. */
    void activity() {
        lastActivityNanos = System.nanoTime();
    }

    long intervalMillis() {
        if (store.hearsOtherNodes()) {
            return maxMillis;
        }
        return intervalAfterIdle(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivityNanos));
    }

    long intervalAfterIdle(long idleMillis) {
        return Math.max(minMillis, Math.min(maxMillis, idleMillis / 4));
    }
}
