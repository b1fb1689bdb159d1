package dev.ferry.store.admin;

import dev.ferry.store.Subscription;

/**
 * A topic subscription with its backlog.
 *
 * @param subscription what the store knows of it
 * @param counts       its delivery counts
 */
public record SubscriptionOverview(Subscription subscription, QueueOverview counts) {

    /** Deliveries waiting for the subscription's consumers (ready, scheduled or in flight). */
    public long backlog() {
        return counts.depth();
    }
}
