package dev.ferry.jms.engine;

import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.HandOff;
import dev.ferry.store.MessageRecord;

/**
 * A send outside a transaction, offered to a consumer of the same queue in this JVM that waits with nothing to
 * do. The store inserts the delivery already leased to this node (DESIGN.md #2) and hands it over after the
 * commit, so the consumer skips the claim transaction and the round trips a consumer that keeps up otherwise
 * spends on every message. Everything else about the delivery is as if it had been claimed: acknowledged,
 * recovered, rolled back, and returned by lease recovery after a crash, the same way.
 *
 * <p>Only for messages any plain consumer may take at once: not grouped ({@code JMSXGroupID} ownership is the
 * claim's), not delayed, and not to a paused queue. A consumer with a selector or of a topic subscription is
 * never idle in this sense.
 */
final class HandOffToConsumer implements HandOff {

    private final DeliveryFeed feed;
    private volatile boolean handedOver;

    private HandOffToConsumer(DeliveryFeed feed) {
        this.feed = feed;
    }

    /** Takes an idle consumer of the destination for this message, or returns {@code null} when none may. */
    static HandOffToConsumer offer(Broker broker, DestinationDirectory.Entry entry, MessageRecord record) {
        if (!broker.handsOffToWaitingConsumers() || entry.destination.kind() != DestinationKind.QUEUE
                || entry.rules.paused() || record.groupId() != null
                || record.deliveryTime() > System.currentTimeMillis()) {
            return null;
        }
        DeliveryFeed feed = broker.signals().takeIdle(entry.destination.queueId());
        return feed == null ? null : new HandOffToConsumer(feed);
    }

    @Override
    public void accept(Delivery delivery) {
        handedOver = true;
        feed.handOff(delivery);
    }

    /** Once the send has returned or failed: a consumer that was handed nothing looks at the store again. */
    void settled() {
        if (!handedOver) {
            feed.handOffFailed();
        }
    }
}
