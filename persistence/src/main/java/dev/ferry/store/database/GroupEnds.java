package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Settlement;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deliveries held by this node whose acknowledgement should free their message group if nothing else of it is in
 * flight: the last message of a group ({@code JMSXGroupSeq} -1, the convention Artemis users know), and every
 * grouped delivery taken by a consumer with a selector (such a consumer keeps a group only while it works on it,
 * so that a group whose next message it does not select is not stuck with it). Kept in memory only: forgetting an
 * entry (a crash) just leaves the group with its owner until that consumer closes or its node dies.
 */
final class GroupEnds {

    /** A group to free once the delivery is acknowledged, if its owner is still {@code consumerId}. */
    record End(long queueId, String groupId, String consumerId) {
    }

    private final Map<Long, End> byDelivery = new ConcurrentHashMap<>();

    boolean isEmpty() {
        return byDelivery.isEmpty();
    }

    /** Remembers the deliveries of a claim that close their group. */
    void claimed(List<Delivery> deliveries, String consumerId) {
        for (Delivery delivery : deliveries) {
            if (delivery.message().groupId() != null && delivery.message().groupSeq() == -1) {
                remember(delivery, consumerId);
            }
        }
    }

    /** Remembers every grouped delivery of a selective consumer's claim. */
    void claimedSelectively(List<Delivery> deliveries, String consumerId) {
        for (Delivery delivery : deliveries) {
            if (delivery.message().groupId() != null) {
                remember(delivery, consumerId);
            }
        }
    }

    private void remember(Delivery delivery, String consumerId) {
        byDelivery.put(delivery.deliveryId(), new End(delivery.queueId(), delivery.message().groupId(), consumerId));
    }

    /** The groups that acknowledging these deliveries may free (each once). */
    Set<End> acknowledged(Collection<Long> deliveryIds) {
        Set<End> ends = new LinkedHashSet<>();
        for (Long id : deliveryIds) {
            End end = byDelivery.remove(id);
            if (end != null) {
                ends.add(end);
            }
        }
        return ends;
    }

    /** Settled deliveries go back to their queue: they are remembered again if claimed again. */
    void returned(Collection<Settlement> settlements) {
        for (Settlement settlement : settlements) {
            byDelivery.remove(settlement.deliveryId());
        }
    }

    void consumerClosed(String consumerId) {
        byDelivery.values().removeIf(end -> end.consumerId().equals(consumerId));
    }
}
