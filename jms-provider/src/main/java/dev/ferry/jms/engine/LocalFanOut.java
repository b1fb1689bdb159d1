package dev.ferry.jms.engine;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.FanOutFilter;
import dev.ferry.store.MessageStore;
import dev.ferry.store.Send;
import dev.ferry.store.Settlement;
import dev.ferry.store.Subscription;
import dev.ferry.store.UnitOfWork;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Non-persistent messages published in this JVM go to this JVM's non-durable subscriptions in memory
 * (DESIGN.md #3), without a database row: such a subscription lives only as long as its consumer, and a
 * non-persistent message may be lost in a failure (JMS 3.1 §6.2.9.1: at most once), so the database would
 * protect nothing. The store still gets the message for everyone else — durable and shared subscriptions, and
 * non-durable subscriptions of other nodes, which consume through the database — with the local in-memory
 * subscriptions named in {@link Send#deliveredInMemory()} so that it adds no delivery for them.
 *
 * <p>Each in-memory subscription has a bounded buffer. A publisher that finds it full waits up to
 * {@link #SPILL_AFTER_MILLIS} for its consumer to make room (flow control); when there is still none (a slow
 * consumer, a stopped connection, a consumer on the publisher's own thread) the subscription <em>spills</em>:
 * its further messages go through the store like any other, so nothing is dropped and no publisher waits for
 * ever. It returns to memory once its consumer has taken everything buffered and everything spilled, so the
 * order of one publisher's messages is kept.
 *
 * <p>In-memory deliveries have negative ids. Acknowledging one forgets it; settling one (recover, rollback,
 * a listener that threw, a closing session) puts it back at the head of its buffer, or sends it to the
 * dead-letter queue through the store once it is past its attempts.
 */
final class LocalFanOut {

    /** Longest a publisher waits for room in a full subscription buffer before that subscription spills. */
    static final long SPILL_AFTER_MILLIS = 100;

    private final MessageStore store;
    private final FanOutFilter selectors;
    private final int capacity;
    private final Map<Long, List<LocalSubscription>> byTopic = new ConcurrentHashMap<>();
    /** In-memory deliveries handed to a session and not yet acknowledged or settled. */
    private final Map<Long, Taken> handedOut = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();

    private record Taken(LocalSubscription subscription, Delivery delivery) {
    }

    LocalFanOut(MessageStore store, FanOutFilter selectors, int capacity) {
        this.store = store;
        this.selectors = selectors;
        this.capacity = capacity;
    }

    /** Whether a delivery id names an in-memory delivery (the store's ids are positive). */
    static boolean inMemory(long deliveryId) {
        return deliveryId < 0;
    }

    /** Gives the feed of an unshared non-durable subscription of this JVM an in-memory buffer. */
    LocalSubscription attach(DeliveryFeed feed, Subscription subscription, String ownerConnection) {
        LocalSubscription local = new LocalSubscription(this, feed, subscription, ownerConnection, capacity);
        byTopic.computeIfAbsent(subscription.topicId(), id -> new CopyOnWriteArrayList<>()).add(local);
        return local;
    }

    /** The subscription's consumer closed: its buffered messages go with it (as its store rows do). */
    void detach(LocalSubscription local) {
        local.close();
        byTopic.computeIfPresent(local.topicId, (id, list) -> {
            list.remove(local);
            return list.isEmpty() ? null : list;
        });
        handedOut.values().removeIf(taken -> taken.subscription == local);
    }

    /**
     * Sends outside a transaction: a non-persistent message to a topic goes to the local subscriptions in memory
     * first, then to the store for everyone else; anything else goes to the store as it is. Returns when the
     * store has committed.
     */
    void send(Destination destination, Send send) {
        List<LocalSubscription> locals = destination.kind() == DestinationKind.TOPIC && !send.message().persistent()
                ? byTopic.get(destination.id()) : null;
        if (locals == null || locals.isEmpty()) {
            store.commit(new UnitOfWork().send(send));
            return;
        }
        Set<Long> inMemory = new HashSet<>();
        List<LocalSubscription> spilling = new ArrayList<>();
        for (LocalSubscription local : locals) {
            if (!local.accepts(send, selectors)) {
                continue;
            }
            Delivery delivery = new Delivery(-lastId.incrementAndGet(), local.queueId, 0, 0, destination.name(),
                    DestinationKind.TOPIC, null, null, send.message());
            if (local.offer(delivery)) {
                inMemory.add(local.queueId);
            } else {
                spilling.add(local);
            }
        }
        try {
            store.commit(new UnitOfWork().send(new Send(send.destinationId(), send.message(), send.publisher(),
                    send.publisherClientId(), inMemory)));
        } finally {
            spilling.forEach(LocalSubscription::spillCommitted);
        }
    }

    /** Records an in-memory delivery handed to the application (so that it can be settled). */
    void handedOut(LocalSubscription subscription, Delivery delivery) {
        handedOut.put(delivery.deliveryId(), new Taken(subscription, delivery));
    }

    /** An in-memory delivery was acknowledged or committed: it is consumed. */
    void acknowledged(long deliveryId) {
        handedOut.remove(deliveryId);
    }

    /**
     * Settles the in-memory deliveries among {@code settlements} and returns the others (for the store). A
     * returned delivery goes back to the head of its buffer, in its original order; one past its attempts goes to
     * its dead-letter queue through the store.
     */
    List<Settlement> settle(Collection<Settlement> settlements) {
        List<Settlement> stored = new ArrayList<>(settlements.size());
        List<Taken> back = new ArrayList<>();
        List<Settlement> backHow = new ArrayList<>();
        for (Settlement settlement : settlements) {
            if (!inMemory(settlement.deliveryId())) {
                stored.add(settlement);
                continue;
            }
            Taken taken = handedOut.remove(settlement.deliveryId());
            if (taken == null) {
                continue; // its subscription closed: gone with it
            }
            if (settlement instanceof Settlement.DeadLetter) {
                Settlement.DeadLetter deadLetter = (Settlement.DeadLetter) settlement;
                Destination queue = store.createDestinationIfAbsent(deadLetter.deadLetterQueue(),
                        DestinationKind.QUEUE);
                store.commit(new UnitOfWork().send(queue.id(), taken.delivery.message()));
            } else {
                back.add(taken);
                backHow.add(settlement);
            }
        }
        // pushed to the head in reverse, so the buffer's head keeps the order in which they were delivered
        for (int i = back.size() - 1; i >= 0; i--) {
            Taken taken = back.get(i);
            Delivery delivery = taken.delivery;
            if (backHow.get(i) instanceof Settlement.Unconsumed) {
                // never reached the application: as if never delivered (JMSXDeliveryCount restored)
                delivery = withCount(delivery, delivery.deliveryCount() - 1);
            }
            taken.subscription.returnToHead(delivery);
        }
        return stored;
    }

    static Delivery withCount(Delivery d, int count) {
        return new Delivery(d.deliveryId(), d.queueId(), d.messageRowId(), count, d.destinationName(),
                d.destinationKind(), d.originalDestination(), d.failureReason(), d.message());
    }

    /** The in-memory side of one non-durable subscription's feed. */
    static final class LocalSubscription {

        private final LocalFanOut fanOut;
        private final DeliveryFeed feed;
        final long topicId;
        final long queueId;
        private final String selector;
        private final boolean noLocal;
        private final String owner;
        private final int capacity;
        // guarded by this
        private final ArrayDeque<Delivery> buffer = new ArrayDeque<>();
        private boolean spilled;
        private int spillsInFlight;
        private long spillsCommitted;
        private boolean closed;
        private int waitingPublishers;

        LocalSubscription(LocalFanOut fanOut, DeliveryFeed feed, Subscription subscription, String owner,
                          int capacity) {
            this.fanOut = fanOut;
            this.feed = feed;
            this.topicId = subscription.topicId();
            this.queueId = subscription.queueId();
            this.selector = subscription.selector();
            this.noLocal = subscription.noLocal();
            this.owner = owner;
            this.capacity = capacity;
        }

        /** The same rules as the store's fan-out: noLocal (JMS 3.1 §8.3.1), then the selector. */
        boolean accepts(Send send, FanOutFilter selectors) {
            if (noLocal && owner.equals(send.publisher())) {
                return false;
            }
            return selector == null || selectors.accepts(selector, send.message());
        }

        /**
         * Buffers a published delivery, waiting a little for room when full. Returns {@code false} when the
         * subscription spills: the caller sends this message to the store for it and calls
         * {@link #spillCommitted()} afterwards.
         */
        boolean offer(Delivery delivery) {
            boolean wasEmpty;
            synchronized (this) {
                if (closed) {
                    return true; // no one to deliver to; and its store rows are being deleted
                }
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPILL_AFTER_MILLIS);
                while (!spilled && buffer.size() >= capacity && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        spilled = true;
                        break;
                    }
                    waitingPublishers++;
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        spilled = true;
                    } finally {
                        waitingPublishers--;
                    }
                }
                if (spilled && !closed) {
                    spillsInFlight++;
                    return false;
                }
                wasEmpty = buffer.isEmpty();
                buffer.addLast(delivery);
            }
            if (wasEmpty) {
                // a consumer looks at the buffer again before it waits, so only the first message needs the bell
                feed.ring();
            }
            return true;
        }

        synchronized void spillCommitted() {
            spillsInFlight--;
            spillsCommitted++;
        }

        /**
         * The next buffered delivery, counted as delivered once more, or {@code null}. Expired messages are
         * dropped (JMS 3.1 §3.4.9; a non-persistent message is not moved to an expiry queue).
         */
        Delivery poll(long now) {
            Delivery next;
            synchronized (this) {
                do {
                    next = buffer.pollFirst();
                } while (next != null && ExpiryHousekeeping.isExpired(next, now));
                if (waitingPublishers > 0) {
                    notifyAll();
                }
            }
            if (next == null) {
                return null;
            }
            Delivery delivered = withCount(next, next.deliveryCount() + 1);
            fanOut.handedOut(this, delivered);
            return delivered;
        }

        /** Before the feed claims from the store: what {@link #caughtUp} needs to know. */
        synchronized long spillMark() {
            return spilled ? spillsCommitted : -1;
        }

        /**
         * The feed found the buffer empty and then nothing in the store: if no spilled message was committed or
         * is being committed meanwhile, everything spilled has been taken and the subscription is back in memory.
         */
        synchronized void caughtUp(long mark) {
            if (spilled && mark == spillsCommitted && spillsInFlight == 0 && buffer.isEmpty()) {
                spilled = false;
            }
        }

        synchronized void returnToHead(Delivery delivery) {
            if (!closed) {
                buffer.addFirst(delivery);
            }
        }

        synchronized boolean isEmpty() {
            return buffer.isEmpty();
        }

        private synchronized void close() {
            closed = true;
            buffer.clear();
            notifyAll();
        }
    }
}
