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
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
    /** This consumer as the store knows it: the owner of the message groups it is given. */
    private final String consumerId = UUID.randomUUID().toString();
    /** The in-memory buffer of an unshared non-durable subscription of this JVM, else {@code null}. */
    private volatile LocalFanOut.LocalSubscription local;
    /** Whether the store signalled deliveries for the queue since the last claim. */
    private volatile boolean storeWoken = true;
    /**
     * Whether this consumer waits with nothing to do and may be handed a message as it is sent in this JVM
     * (see {@link #handOff}): set after a claim found nothing and no commit signalled the queue meanwhile; cleared
     * by any such signal and by the send that takes the consumer.
     */
    private final AtomicBoolean idle = new AtomicBoolean();
    /** Deliveries handed over by sends, written by committing threads without the feed's monitor. */
    private final ConcurrentLinkedQueue<Delivery> handedOver = new ConcurrentLinkedQueue<>();
    /** Whether the last claim found nothing, and when. */
    private boolean lastClaimEmpty;
    private long lastEmptyClaimNanos;

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

    /** The name under which the store gives this consumer message groups ({@code JMSXGroupID}). */
    String consumerId() {
        return consumerId;
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
        if (listener == null) {
            stopWaiting(); // nobody takes from this feed until a receive or a new listener asks
        }
        session.listenersChanged();
    }

    public boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
        idle.set(false);
    }

    /** Called by {@link WakeUpSignals} when the queue received deliveries. */
    void wake() {
        storeWoken = true;
        idle.set(false); // deliveries wait in the store: a send handed over now could overtake them
        nextReadyAt = Long.MAX_VALUE;
        session.doorbell().ring();
    }

    /**
     * Takes this consumer for one send, if it is idle: only one send at a time can, and the consumer stays taken
     * until its next claim finds nothing again.
     */
    boolean takeForHandOff() {
        return idle.compareAndSet(true, false);
    }

    /**
     * A delivery a send inserted already leased to this node for this consumer, after its commit (on the
     * committing thread: no blocking, no store calls here). A consumer closed meanwhile gives it back.
     */
    void handOff(Delivery delivery) {
        handedOver.add(delivery);
        if (closed && handedOver.remove(delivery)) {
            session.broker().returnLater(new Settlement.Unconsumed(delivery.deliveryId()));
            return;
        }
        session.doorbell().ring();
    }

    /** A receive call ended: sends no longer hand messages to this consumer until it waits again. */
    void stopWaiting() {
        idle.set(false);
    }

    /** The send that took this consumer stored its message for everyone after all: look at the store again. */
    void handOffFailed() {
        storeWoken = true;
        session.doorbell().ring();
    }

    /** A message arrived in the in-memory buffer. */
    void ring() {
        session.doorbell().ring();
    }

    void attach(LocalFanOut.LocalSubscription local) {
        this.local = local;
    }

    LocalFanOut.LocalSubscription local() {
        return local;
    }

    /**
     * Whether an in-memory subscription, or a plain queue consumer waiting for hand-offs, may skip looking at the
     * store: its last claim found nothing, no commit of this JVM signalled deliveries for its queue since
     * (DESIGN.md #5; a hand-off signals nothing, its delivery being leased already), no scheduled delivery is due,
     * and the polling interval (which covers other JVMs) has not passed.
     */
    private boolean storeQuiet(long now) {
        return lastClaimEmpty && !storeWoken && nextReadyAt > now
                && System.nanoTime() - lastEmptyClaimNanos < TimeUnit.MILLISECONDS.toNanos(
                        session.broker().pollIntervalMillis());
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
        return take(true);
    }

    /**
     * As {@link #take()}; {@code mayWait} false (receiveNoWait) always asks the store when nothing is buffered,
     * true lets a consumer that found the queue empty wait for a hand-off or a wake-up instead.
     */
    synchronized Delivery take(boolean mayWait) throws JMSException {
        long now = System.currentTimeMillis();
        List<Settlement> skipped = null;
        boolean sawExpired = false;
        try {
            while (true) {
                Delivery next = buffer.pollFirst();
                if (next == null) {
                    next = handedOver.poll();
                }
                if (next != null) {
                    if (ExpiryHousekeeping.isExpired(next, now)) {
                        skipped = add(skipped, new Settlement.Unconsumed(next.deliveryId()));
                        sawExpired = true;
                        continue;
                    }
                    return next;
                }
                LocalFanOut.LocalSubscription memory = local;
                long spillMark = -1;
                if (memory != null) {
                    Delivery buffered = memory.poll(now);
                    if (buffered != null) {
                        Settlement exhausted = entry.rules.deadLetters().beforeDelivery(buffered, queueName());
                        if (exhausted == null) {
                            return buffered;
                        }
                        skipped = add(skipped, exhausted);
                        continue;
                    }
                    if (storeQuiet(now)) {
                        return null;
                    }
                    spillMark = memory.spillMark();
                } else if (mayWait && selector == null && subscription == null && storeQuiet(now)) {
                    // nothing was signalled since the last claim found the queue empty: wait for a hand-off or
                    // a signal instead of asking again (a consumer that keeps up spends no claim per message)
                    becomeIdle();
                    return handedOver.poll();
                }
                entry = session.broker().destinations().refresh(destination, entry);
                if (entry.rules.paused()) {
                    return null;
                }
                List<Delivery> claimed;
                try {
                    int batch = entry.rules.prefetch().batchSize();
                    storeWoken = false;
                    claimed = selector == null ? session.broker().store().claim(queueId, batch, consumerId)
                            : session.broker().store().claim(queueId, batch, selector, scanCursor, consumerId);
                    lastClaimEmpty = claimed.isEmpty();
                    if (claimed.isEmpty()) {
                        lastEmptyClaimNanos = System.nanoTime();
                        if (memory != null) {
                            memory.caughtUp(spillMark);
                        }
                        OptionalLong ready = session.broker().store().nextReadyTime(queueId);
                        nextReadyAt = ready.isPresent() ? ready.getAsLong() : Long.MAX_VALUE;
                        if (selector != null) {
                            // look again at the stretch a late-committed delivery may have appeared in
                            nextReadyAt = Math.min(nextReadyAt, scanCursor.nextRewindAt());
                        }
                        becomeIdle();
                        return handedOver.poll();
                    }
                    session.broker().polling().activity();
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

    /**
     * Offers this consumer to sends of this JVM after a claim found nothing: only a plain queue consumer (no
     * selector, not a topic subscription) with nothing buffered, and only if no commit signalled the queue since
     * the claim began (checked after setting the flag, so a signal racing with it always clears it).
     */
    private void becomeIdle() {
        if (selector != null || subscription != null || local != null || closed || !buffer.isEmpty()) {
            return;
        }
        idle.set(true);
        if (storeWoken || closed) {
            idle.set(false);
            return;
        }
        session.broker().signals().idle(this);
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
        idle.set(false);
        for (Delivery delivery = handedOver.poll(); delivery != null; delivery = handedOver.poll()) {
            returned.add(new Settlement.Unconsumed(delivery.deliveryId()));
        }
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
