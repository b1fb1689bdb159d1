package dev.ferry.jms.engine;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.store.Delivery;
import dev.ferry.store.ScanCursor;
import dev.ferry.store.StoreException;
import dev.ferry.store.Settlement;
import dev.ferry.store.Subscription;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The deliveries one consumer takes from one store queue: a prefetch buffer refilled by
 * {@link dev.ferry.store.MessageStore#claim} when it runs dry. Deliveries in the buffer are leased to this node but
 * not yet handed to the application; they go back as {@link Settlement.Unconsumed} when the consumer closes (or
 * the session rolls back, to keep redelivered messages ahead of later ones). A topic subscription will be fed the
 * same way from its subscription queue.
 */
public final class DeliveryFeed {

    private final BrokerSession session;
    private final FerryDestination destination;
    private final long queueId;
    /** The topic subscription this feed consumes from, or {@code null} for a queue's feed. */
    private final Subscription subscription;
    private final ArrayDeque<Delivery> buffer = new ArrayDeque<>();
    private volatile DestinationDirectory.Entry entry;
    // Written by the store's commit threads through wake(): volatile, never under the feed's monitor, so that a
    // commit never waits for a claim in progress.
    private volatile long nextReadyAt = Long.MAX_VALUE;
    private volatile MessageListener listener;
    private volatile boolean closed;
    /** The consumer's selector, or {@code null} when it takes every message; set once before the feed is used. */
    private SelectorFilter selector;
    /** How far the selective claims have looked through the queue. */
    private final ScanCursor scanCursor = new ScanCursor();

    DeliveryFeed(BrokerSession session, FerryDestination destination, DestinationDirectory.Entry entry) {
        this(session, destination, entry, null);
    }

    /** The feed of a consumer of a topic subscription: claims from the subscription's queue. */
    DeliveryFeed(BrokerSession session, FerryDestination destination, DestinationDirectory.Entry entry,
                 Subscription subscription) {
        this.session = session;
        this.destination = destination;
        this.entry = entry;
        this.subscription = subscription;
        this.queueId = subscription == null ? entry.destination.queueId() : subscription.queueId();
    }

    /** The topic subscription consumed, or {@code null} for a queue. */
    public Subscription subscription() {
        return subscription;
    }

    synchronized void select(SelectorFilter filter) {
        this.selector = filter;
    }

    public FerryDestination destination() {
        return destination;
    }

    long queueId() {
        return queueId;
    }

    String queueName() {
        return entry.destination.name();
    }

    long destinationId() {
        return entry.destination.id();
    }

    DeliveryRules rules() {
        return session.deliveryOverrides().apply(entry.rules);
    }

    public MessageListener listener() {
        return listener;
    }

    /** Sets or (with {@code null}) removes the listener; the session's delivery thread serves it. */
    public void setListener(MessageListener listener) {
        this.listener = listener;
        session.listenersChanged();
    }

    public boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** Called by {@link WakeUpSignals} when the queue received deliveries. */
    void wake() {
        nextReadyAt = Long.MAX_VALUE;
        session.doorbell().ring();
    }

    /** Epoch millis at which a scheduled delivery of the queue becomes ready, as last seen; MAX_VALUE if none. */
    long nextReadyAt() {
        return nextReadyAt;
    }

    /**
     * The next delivery for the application, from the buffer or from a fresh claim, or {@code null} when the
     * queue has nothing ready. Expired deliveries still in the buffer are returned to the store (which expires
     * them) rather than handed out; deliveries already past their attempts go to the dead-letter queue.
     */
    synchronized Delivery take() throws JMSException {
        long now = System.currentTimeMillis();
        List<Settlement> skipped = null;
        boolean sawExpired = false;
        try {
            while (true) {
                Delivery next = buffer.pollFirst();
                if (next != null) {
                    if (ExpiryHousekeeping.isExpired(next, now)) {
                        skipped = add(skipped, new Settlement.Unconsumed(next.deliveryId()));
                        sawExpired = true;
                        continue;
                    }
                    return next;
                }
                entry = session.broker().destinations().refresh(destination, entry);
                if (entry.rules.paused()) {
                    return null;
                }
                List<Delivery> claimed;
                try {
                    int batch = entry.rules.prefetch().batchSize();
                    claimed = selector == null ? session.broker().store().claim(queueId, batch)
                            : session.broker().store().claim(queueId, batch, selector, scanCursor);
                    if (claimed.isEmpty()) {
                        OptionalLong ready = session.broker().store().nextReadyTime(queueId);
                        nextReadyAt = ready.isPresent() ? ready.getAsLong() : Long.MAX_VALUE;
                        if (selector != null) {
                            // look again at the stretch a late-committed delivery may have appeared in
                            nextReadyAt = Math.min(nextReadyAt, scanCursor.nextRewindAt());
                        }
                        return null;
                    }
                } catch (StoreException e) {
                    throw JmsExceptions.fromStore("receiving from " + destination, e);
                }
                for (Delivery delivery : claimed) {
                    Settlement exhausted = rules().deadLetters().beforeDelivery(delivery, queueName());
                    if (exhausted != null) {
                        skipped = add(skipped, exhausted);
                    } else {
                        buffer.addLast(delivery);
                    }
                }
            }
        } finally {
            if (skipped != null) {
                session.settle(skipped);
            }
            if (sawExpired) {
                ExpiryHousekeeping.expireNow(session.broker().store());
            }
        }
    }

    /** Puts a delivery back at the head, as if it had never been taken (JMSConsumer.receiveBody failures). */
    synchronized void pushBack(Delivery delivery) {
        buffer.addFirst(delivery);
    }

    /** Empties the buffer, each delivery to be settled as never consumed. */
    synchronized List<Settlement> drain() {
        List<Settlement> returned = new ArrayList<>(buffer.size());
        for (Delivery delivery : buffer) {
            returned.add(new Settlement.Unconsumed(delivery.deliveryId()));
        }
        buffer.clear();
        return returned;
    }

    private static List<Settlement> add(List<Settlement> list, Settlement settlement) {
        List<Settlement> result = list == null ? new ArrayList<>() : list;
        result.add(settlement);
        return result;
    }

    @Override
    public String toString() {
        return "DeliveryFeed[" + destination + ", queue " + queueId + "]";
    }
}
