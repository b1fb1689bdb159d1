package dev.ferry.jms.engine;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.message.FerryMessage;
import dev.ferry.jms.selector.MessageSelector;
import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.jms.metrics.DestinationMeters;
import dev.ferry.jms.metrics.FerryMetrics;
import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.Send;
import dev.ferry.store.Settlement;
import dev.ferry.store.StoreException;
import dev.ferry.store.Subscription;
import dev.ferry.store.UnitOfWork;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The broker side of one JMS session: its acknowledgement mode and transaction, the deliveries it handed to the
 * application and not yet settled, its consumers' feeds, and the thread that serves its message listeners. Every
 * store operation of the session goes through here.
 *
 * <p>Threading: a JMS session is used by one thread at a time (JMS 3.1 §6.2.1), except that {@link #close()} may
 * come from anywhere. {@link #deliveryLock} is held while a delivery is handed out and while a listener runs, so
 * that {@code Connection.stop()} and {@code close()} can wait for those to finish; waiting for messages happens
 * outside it, on the {@link Doorbell}.
 */
public final class BrokerSession {

    /** {@link #receive} timeout meaning "do not wait". */
    public static final long NO_WAIT = -1;

    /** Deliveries a DUPS_OK session acknowledges at once at most (lazy acknowledgement, JMS 3.1 §6.2.10). */
    static final int LAZY_ACK_BATCH = 16;

    private static final System.Logger LOG = System.getLogger(BrokerSession.class.getName());

    /** A delivery handed to the application, with the feed (and so the rules) it came through. */
    private static final class Handed {
        final DeliveryFeed feed;
        final Delivery delivery;

        Handed(DeliveryFeed feed, Delivery delivery) {
            this.feed = feed;
            this.delivery = delivery;
        }
    }

    /** Validates the body of a received message before it counts as delivered (JMSConsumer.receiveBody). */
    @FunctionalInterface
    public interface BodyCheck {
        void check(FerryMessage message) throws JMSException;
    }

    private final BrokerConnection connection;
    private final Broker broker;
    private final int mode;
    private final Doorbell doorbell = new Doorbell();
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final Object state = new Object();
    private final Set<DeliveryFeed> feeds = new CopyOnWriteArraySet<>();
    // guarded by state
    private final List<Handed> unacknowledged = new ArrayList<>();
    private final UnitOfWork transaction = new UnitOfWork();
    private final List<Long> lazyAcknowledgements = new ArrayList<>();
    private int activeReceives;
    private boolean listenerLoopRunning;
    private ExecutorService completions;
    private volatile Thread completionThread;
    private volatile Thread deliveryThread;
    private volatile boolean closed;
    /** XA sessions: transacted while associated with a transaction branch, AUTO_ACKNOWLEDGE outside one. */
    private volatile boolean xa;
    private volatile boolean inBranch;
    private volatile Runnable beforeClose;
    private volatile DeliveryOverrides deliveryOverrides = DeliveryOverrides.NONE;

    BrokerSession(BrokerConnection connection, int mode) {
        this.connection = connection;
        this.broker = connection.broker();
        this.mode = mode;
    }

    public int mode() {
        return mode;
    }

    public boolean isTransacted() {
        return effectiveMode() == Session.SESSION_TRANSACTED;
    }

    /** The mode that applies now: an XA session outside a transaction branch acknowledges automatically. */
    private int effectiveMode() {
        return xa && !inBranch ? Session.AUTO_ACKNOWLEDGE : mode;
    }

    /**
     * Makes this (transacted) session an XA session: its work is a transaction branch's while it is associated
     * with one, and it acknowledges automatically and sends at once outside one. {@code beforeClose} runs first
     * when the session closes, so that the branch can take the work of a session closed inside a transaction.
     */
    public void enableXa(Runnable beforeClose) {
        this.xa = true;
        this.beforeClose = beforeClose;
    }

    /** XA: whether the session works for a transaction branch from now on. */
    public void associateBranch(boolean associated) {
        this.inBranch = associated;
    }

    /** XA: takes the buffered sends and the consumed, unacknowledged deliveries out of the session. */
    public BranchWork detachWork() {
        deliveryLock.lock();
        try {
            synchronized (state) {
                BranchWork work = new BranchWork();
                for (Send send : transaction.sends()) {
                    work.send(send);
                }
                for (Handed handed : unacknowledged) {
                    work.consumed(handed.delivery, handed.feed.rules(), handed.feed.queueName());
                }
                transaction.clear();
                unacknowledged.clear();
                return work;
            }
        } finally {
            deliveryLock.unlock();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public BrokerConnection connection() {
        return connection;
    }

    Broker broker() {
        return broker;
    }

    Doorbell doorbell() {
        return doorbell;
    }

    /** Whether the calling thread is this session's listener thread, inside {@code onMessage}. */
    public boolean isDeliveryThread() {
        return Thread.currentThread() == deliveryThread;
    }

    /** Whether the calling thread is running one of this session's completion listeners. */
    public boolean isCompletionThread() {
        return Thread.currentThread() == completionThread;
    }

    // ---- producing ----------------------------------------------------------------------------------------

    /** A new {@code JMSMessageID}. */
    public String nextMessageId() {
        return broker.nextMessageId();
    }

    /**
     * Sends a message whose headers the producer has set. Outside a transaction the message is sent when this
     * returns (its insert has committed, DESIGN.md #1); in a transaction it is sent at {@link #commit()}.
     */
    public void send(FerryDestination target, FerryMessage message) throws JMSException {
        MessageRecord record = broker.codec().encode(message);
        long size = record.storedSize();
        if (size > broker.maxMessageSize()) {
            throw new ResourceAllocationException("message of " + size + " bytes exceeds the largest message "
                    + "allowed, " + broker.maxMessageSize() + " bytes (ferry.message.maxSize); nothing was sent");
        }
        DestinationDirectory.Entry entry = broker.destinations().resolve(target);
        DestinationMeters meters = FerryMetrics.of(entry.destination);
        FerryMetrics.watchExpiry(entry.destination.name(), entry.destination.queueId(), broker.store());
        if (isTransacted()) {
            synchronized (state) {
                checkOpen();
                transaction.send(entry.destination.id(), record, connection.owner(), connection.clientId());
            }
            return;
        }
        Send send = new Send(entry.destination.id(), record, connection.owner(), connection.clientId());
        HandOffToConsumer handOff = HandOffToConsumer.offer(broker, entry, record);
        try {
            long started = System.nanoTime();
            broker.localFanOut().send(entry.destination, handOff == null ? send : send.handedTo(handOff));
            meters.sent(System.nanoTime() - started);
        } catch (StoreException e) {
            // An operator may have deleted the destination since it was cached; look it up afresh next time.
            broker.destinations().forget(target);
            throw JmsExceptions.fromStore("sending to " + target, e);
        } finally {
            if (handOff != null) {
                handOff.settled();
            }
        }
    }

    /**
     * Runs a completion listener callback on this session's completion thread: callbacks of a session run one at
     * a time, in send order (JMS 3.1 §7.3.8).
     */
    public void complete(Runnable callback) throws JMSException {
        ExecutorService executor;
        synchronized (state) {
            checkOpen();
            if (completions == null) {
                completions = Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "ferry-completion");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            executor = completions;
        }
        executor.execute(() -> {
            completionThread = Thread.currentThread();
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "CompletionListener threw", e);
            } finally {
                completionThread = null;
            }
        });
    }

    // ---- consuming ----------------------------------------------------------------------------------------

    /** Checks that a destination exists, creating it when auto-creation is on. */
    public void resolve(FerryDestination destination) throws JMSException {
        broker.destinations().resolve(destination);
    }

    /**
     * Opens the feed of a new consumer on a queue. A temporary queue may be consumed only by the connection that
     * created it (JMS 3.1 §6.2.3).
     */
    public DeliveryFeed openFeed(FerryDestination destination) throws JMSException {
        return openFeed(destination, MessageSelector.ALL);
    }

    /** Opens the feed of a new consumer that receives only the messages its selector matches (JMS 3.1 §3.8). */
    public DeliveryFeed openFeed(FerryDestination destination, MessageSelector selector) throws JMSException {
        DestinationDirectory.Entry entry = broker.destinations().resolve(destination);
        Destination stored = entry.destination;
        if (stored.temporary() && !connection.owner().equals(stored.owner())) {
            throw new InvalidDestinationException("temporary queue " + destination.name()
                    + " belongs to another connection; only the connection that created it may consume from it");
        }
        DeliveryFeed feed = new DeliveryFeed(this, destination, entry);
        if (!selector.selectsAll()) {
            feed.select(new SelectorFilter(selector, broker.codec()));
        }
        synchronized (state) {
            checkOpen();
            feeds.add(feed);
        }
        broker.signals().register(feed);
        return feed;
    }

    /**
     * Opens the feed of a new consumer of a topic: subscribes (or joins the subscription) and claims from the
     * subscription's queue. A temporary topic may be consumed only by its own connection (JMS 3.1 §6.2.3).
     */
    public DeliveryFeed openSubscription(FerryDestination topic, boolean durable, boolean shared, String name,
                                        String selector, boolean noLocal) throws JMSException {
        String checkedSelector = SubscriptionSelectors.normalise(selector);
        DestinationDirectory.Entry entry = broker.destinations().resolve(topic);
        Destination stored = entry.destination;
        if (stored.temporary() && !connection.owner().equals(stored.owner())) {
            throw new InvalidDestinationException("temporary topic " + topic.name()
                    + " belongs to another connection; only the connection that created it may consume from it");
        }
        SubscriptionDirectory.Kind kind = durable
                ? (shared ? SubscriptionDirectory.Kind.SHARED_DURABLE : SubscriptionDirectory.Kind.DURABLE)
                : (shared ? SubscriptionDirectory.Kind.SHARED : SubscriptionDirectory.Kind.NON_DURABLE);
        Subscription subscription = broker.subscriptions().open(connection, stored, kind, name, checkedSelector,
                noLocal);
        DeliveryFeed feed = new DeliveryFeed(this, topic, entry, subscription);
        synchronized (state) {
            if (closed) {
                broker.subscriptions().release(subscription);
                throw new IllegalStateException("the session is closed");
            }
            feeds.add(feed);
            if (kind == SubscriptionDirectory.Kind.NON_DURABLE) {
                feed.attach(broker.localFanOut().attach(feed, subscription, connection.owner()));
            }
        }
        broker.signals().register(feed);
        return feed;
    }

    /** Deletes a durable subscription of this session's connection (Session.unsubscribe). */
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        broker.subscriptions().unsubscribe(this, name);
    }

    /** Whether this session has handed out deliveries of the queue that are not yet acknowledged or committed. */
    boolean holdsUnsettled(long queueId) {
        synchronized (state) {
            for (Handed handed : unacknowledged) {
                if (handed.delivery.queueId() == queueId) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Consumers of this session currently open on a store destination. */
    int consumersOn(long destinationId) {
        int count = 0;
        for (DeliveryFeed feed : feeds) {
            if (feed.destinationId() == destinationId && !feed.isClosed()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Closes a consumer's feed: a receive blocked on it returns {@code null}, a listener running for it finishes
     * first (unless the call comes from that listener, JMS 3.1 §8.8), and its buffered deliveries go back.
     */
    public void closeFeed(DeliveryFeed feed) throws JMSException {
        if (feed.isClosed()) {
            return;
        }
        feed.markClosed();
        doorbell.ring();
        deliveryLock.lock();
        try {
            feeds.remove(feed);
            broker.signals().unregister(feed);
            closeConsumer(feed);
        } finally {
            deliveryLock.unlock();
            releaseSubscription(feed);
        }
        listenersChanged();
    }

    /**
     * Receives the next message of a feed: {@code timeoutMillis} 0 waits until a message arrives or the
     * consumer closes, {@link #NO_WAIT} only takes what the store has ready now. Returns {@code null} on timeout
     * and when the consumer, session or connection is closed meanwhile. While the connection is stopped nothing
     * is delivered (JMS 3.1 §6.1.5).
     */
    public FerryMessage receive(DeliveryFeed feed, long timeoutMillis, BodyCheck check) throws JMSException {
        synchronized (state) {
            if (closed) {
                return null;
            }
            activeReceives++;
        }
        try {
            boolean noWait = timeoutMillis == NO_WAIT;
            long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis)
                    : Long.MAX_VALUE;
            while (true) {
                long seen = doorbell.rings();
                if (closed || feed.isClosed()) {
                    return null;
                }
                if (connection.isStarted()) {
                    deliveryLock.lock();
                    try {
                        if (closed || feed.isClosed()) {
                            return null;
                        }
                        if (connection.isStarted()) {
                            Delivery delivery = feed.take(!noWait);
                            if (delivery != null) {
                                FerryMessage message = handOut(feed, delivery, check);
                                if (message != null) {
                                    return message;
                                }
                                continue;
                            }
                        }
                    } finally {
                        deliveryLock.unlock();
                    }
                }
                if (noWait) {
                    return null;
                }
                flushLazyAcknowledgements();
                long now = System.nanoTime();
                if (now >= deadline) {
                    return null;
                }
                doorbell.await(seen, wakeUpTime(now, deadline, feed));
                if (Thread.currentThread().isInterrupted()) {
                    return null;
                }
            }
        } finally {
            feed.stopWaiting(); // no message may be handed to a consumer the application no longer waits on
            synchronized (state) {
                activeReceives--;
                state.notifyAll();
            }
        }
    }

    /** When an idle waiter looks again: at its deadline, a scheduled delivery's time, or the polling fallback. */
    private long wakeUpTime(long nowNanos, long deadlineNanos, DeliveryFeed feed) {
        long wake = Math.min(deadlineNanos, nowNanos + TimeUnit.MILLISECONDS.toNanos(broker.pollIntervalMillis()));
        long readyAt = feed.nextReadyAt();
        if (readyAt != Long.MAX_VALUE) {
            long untilReady = Math.max(0, readyAt - System.currentTimeMillis()) + 1;
            wake = Math.min(wake, nowNanos + TimeUnit.MILLISECONDS.toNanos(untilReady));
        }
        return wake;
    }

    /**
     * Turns a delivery into the message the application gets and records it per acknowledgement mode. Returns
     * {@code null} when the delivery cannot be decoded (it is dead-lettered instead).
     */
    private FerryMessage handOut(DeliveryFeed feed, Delivery delivery, BodyCheck check) throws JMSException {
        FerryMessage message = decodeOrDeadLetter(feed, delivery);
        if (message == null) {
            return null;
        }
        FerryMetrics.delivered(delivery);
        if (check != null) {
            try {
                check.check(message);
            } catch (JMSException e) {
                int mode = effectiveMode();
                if (mode == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE) {
                    // JMS 3.1 JMSConsumer.receiveBody: as if the call had not happened; not a redelivery.
                    feed.pushBack(delivery);
                } else {
                    remember(feed, delivery, message);
                }
                throw e;
            }
        }
        switch (effectiveMode()) {
            case Session.AUTO_ACKNOWLEDGE:
                acknowledgeNow(feed, delivery);
                break;
            case Session.DUPS_OK_ACKNOWLEDGE:
                acknowledgeLazily(delivery);
                break;
            default:
                remember(feed, delivery, message);
        }
        return message;
    }

    /**
     * The message of a delivery, or {@code null} when its stored form cannot be read: such a delivery would fail
     * the same way on every attempt, so it goes to the dead-letter queue at once with the cause as its reason.
     */
    private FerryMessage decodeOrDeadLetter(DeliveryFeed feed, Delivery delivery) throws JMSException {
        try {
            return broker.codec().decode(delivery);
        } catch (JMSException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "dead-lettering undecodable delivery " + delivery.deliveryId(), e);
            settle(List.of(feed.rules().deadLetters().undecodable(delivery, e)));
            return null;
        }
    }

    private void remember(DeliveryFeed feed, Delivery delivery, FerryMessage message) {
        if (mode == Session.CLIENT_ACKNOWLEDGE) {
            message.setAcknowledger(this::acknowledgeAll);
        }
        synchronized (state) {
            unacknowledged.add(new Handed(feed, delivery));
        }
    }

    /** AUTO_ACKNOWLEDGE: one store transaction with one acknowledgement. */
    private void acknowledgeNow(DeliveryFeed feed, Delivery delivery) throws JMSException {
        if (LocalFanOut.inMemory(delivery.deliveryId())) {
            broker.localFanOut().acknowledged(delivery.deliveryId());
            FerryMetrics.acknowledged(delivery);
            return;
        }
        try {
            broker.store().commit(new UnitOfWork().acknowledge(delivery.deliveryId()));
            FerryMetrics.acknowledged(delivery);
        } catch (StoreException e) {
            Broker.runQuietly("returning an unacknowledged delivery", () -> broker.store().settle(List.of(
                    feed.rules().deadLetters().returned(delivery, feed.queueName(), feed.rules().redelivery(),
                            System.currentTimeMillis()))));
            throw JmsExceptions.fromStore("acknowledging message", e);
        }
    }

    private void acknowledgeLazily(Delivery delivery) throws JMSException {
        FerryMetrics.acknowledged(delivery); // DUPS_OK: counted when handed out; committed in a later batch
        if (LocalFanOut.inMemory(delivery.deliveryId())) {
            broker.localFanOut().acknowledged(delivery.deliveryId());
            return;
        }
        boolean flush;
        synchronized (state) {
            lazyAcknowledgements.add(delivery.deliveryId());
            flush = lazyAcknowledgements.size() >= LAZY_ACK_BATCH;
        }
        if (flush) {
            flushLazyAcknowledgements();
        }
    }

    /** DUPS_OK: commits the acknowledgements gathered so far, before the session waits or closes. */
    void flushLazyAcknowledgements() throws JMSException {
        UnitOfWork work;
        synchronized (state) {
            if (lazyAcknowledgements.isEmpty()) {
                return;
            }
            work = new UnitOfWork();
            for (Long id : lazyAcknowledgements) {
                work.acknowledge(id);
            }
            lazyAcknowledgements.clear();
        }
        try {
            broker.store().commit(work);
        } catch (StoreException e) {
            // Not acknowledged: the leases run out and the messages are delivered again, which DUPS_OK permits.
            throw JmsExceptions.fromStore("acknowledging messages", e);
        }
    }

    // ---- acknowledgement, transactions --------------------------------------------------------------------

    /**
     * CLIENT_ACKNOWLEDGE: acknowledges every message the session has delivered so far, whichever message's
     * {@code acknowledge()} was called (JMS 3.1 §6.2.10).
     */
    public void acknowledgeAll() throws JMSException {
        List<Handed> batch;
        synchronized (state) {
            if (closed) {
                throw new IllegalStateException("the session is closed; its messages can no longer be acknowledged");
            }
            if (mode != Session.CLIENT_ACKNOWLEDGE || unacknowledged.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(unacknowledged);
        }
        UnitOfWork work = new UnitOfWork();
        for (Handed handed : batch) {
            acknowledgeInto(work, handed.delivery.deliveryId());
        }
        try {
            broker.store().commit(work);
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("acknowledging messages", e);
        }
        synchronized (state) {
            unacknowledged.removeAll(batch);
        }
        batch.forEach(handed -> FerryMetrics.acknowledged(handed.delivery));
    }

    /** Adds a store acknowledgement to {@code work}; an in-memory delivery is simply consumed. */
    private void acknowledgeInto(UnitOfWork work, long deliveryId) {
        if (LocalFanOut.inMemory(deliveryId)) {
            broker.localFanOut().acknowledged(deliveryId);
        } else {
            work.acknowledge(deliveryId);
        }
    }

    /** Commits the transaction: its sends and acknowledgements in one store transaction (DESIGN.md #4). */
    public void commit() throws JMSException {
        deliveryLock.lock();
        try {
            UnitOfWork work = new UnitOfWork();
            List<Handed> consumed;
            synchronized (state) {
                checkOpen();
                for (Send send : transaction.sends()) {
                    work.send(send);
                }
                consumed = new ArrayList<>(unacknowledged);
                for (Handed handed : consumed) {
                    acknowledgeInto(work, handed.delivery.deliveryId());
                }
                transaction.clear();
            }
            try {
                if (!work.isEmpty()) {
                    broker.store().commit(work);
                }
            } catch (StoreException e) {
                try {
                    returnDelivered();
                } catch (JMSException ignored) {
                    // the leases run out and the messages are redelivered anyway
                }
                throw JmsExceptions.withCause(new TransactionRolledBackException(
                        "the transaction could not be committed and was rolled back: " + e.getMessage()), e);
            }
            synchronized (state) {
                unacknowledged.removeAll(consumed);
            }
            consumed.forEach(handed -> FerryMetrics.acknowledged(handed.delivery));
            work.sends().forEach(send -> FerryMetrics.sentInTransaction(send.destinationId()));
        } finally {
            deliveryLock.unlock();
        }
    }

    /** Rolls back: buffered sends are discarded, consumed messages redelivered (or dead-lettered). */
    public void rollback() throws JMSException {
        deliveryLock.lock();
        try {
            synchronized (state) {
                checkOpen();
                transaction.clear();
            }
            returnDelivered();
        } finally {
            deliveryLock.unlock();
        }
    }

    /**
     * Restarts delivery with the oldest unacknowledged message (JMS 3.1 §6.2.11): delivered, unacknowledged
     * messages are redelivered, and what consumers had prefetched goes back so that it follows them.
     */
    public void recover() throws JMSException {
        deliveryLock.lock();
        try {
            checkOpen();
            flushLazyAcknowledgements();
            returnDelivered();
        } finally {
            deliveryLock.unlock();
        }
        doorbell.ring();
    }

    /** Returns every unacknowledged delivery (redeliver or dead-letter) and every prefetched one, in one go. */
    private void returnDelivered() throws JMSException {
        List<Settlement> settlements = new ArrayList<>();
        long now = System.currentTimeMillis();
        synchronized (state) {
            for (Handed handed : unacknowledged) {
                DeliveryRules rules = handed.feed.rules();
                settlements.add(rules.deadLetters().returned(handed.delivery, handed.feed.queueName(),
                        rules.redelivery(), now));
            }
            unacknowledged.clear();
        }
        for (DeliveryFeed feed : feeds) {
            settlements.addAll(feed.drain());
        }
        settle(settlements);
    }

    /** Settles deliveries in one store transaction and wakes the consumers of the queues they return to. */
    void settle(Collection<Settlement> all) throws JMSException {
        if (all.isEmpty()) {
            return;
        }
        List<Settlement> settlements;
        try {
            settlements = broker.localFanOut().settle(all);
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("returning messages to their subscription", e);
        }
        if (settlements.isEmpty()) {
            doorbell.ring();
            return;
        }
        try {
            for (Settlement settlement : settlements) {
                if (settlement instanceof Settlement.DeadLetter) {
                    broker.destinations().ensureQueue(((Settlement.DeadLetter) settlement).deadLetterQueue());
                }
            }
            broker.store().settle(settlements);
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("returning messages to their queue", e);
        }
        Set<Long> queues = new HashSet<>();
        for (DeliveryFeed feed : feeds) {
            queues.add(feed.queueId());
        }
        broker.signals().wake(queues);
    }

    // ---- listeners ----------------------------------------------------------------------------------------

    /** Starts the listener thread when the first listener is set; it stops by itself when none is left. */
    void listenersChanged() {
        synchronized (state) {
            if (!closed && !listenerLoopRunning && hasListeners()) {
                listenerLoopRunning = true;
                try {
                    broker.deliveryThreads().execute(this::deliverToListeners);
                } catch (RejectedExecutionException e) {
                    listenerLoopRunning = false;
                }
            }
        }
        doorbell.ring();
    }

    private boolean hasListeners() {
        for (DeliveryFeed feed : feeds) {
            if (feed.listener() != null && !feed.isClosed()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The session's listener thread: serves its consumers' listeners one message at a time (JMS 3.1 §6.2.1,
     * serial delivery per session), round-robin across consumers, waiting on the doorbell when all are idle.
     */
    private void deliverToListeners() {
        deliveryThread = Thread.currentThread();
        boolean failing = false;
        try {
            while (true) {
                long seen = doorbell.rings();
                synchronized (state) {
                    if (closed || !hasListeners()) {
                        listenerLoopRunning = false;
                        return;
                    }
                }
                boolean delivered = false;
                long now = System.nanoTime();
                long wake = now + TimeUnit.MILLISECONDS.toNanos(broker.pollIntervalMillis());
                try {
                    if (connection.isStarted()) {
                        for (DeliveryFeed feed : feeds) {
                            if (deliverOne(feed)) {
                                delivered = true;
                            } else {
                                wake = Math.min(wake, wakeUpTime(now, wake, feed));
                            }
                        }
                    }
                    if (!delivered) {
                        flushLazyAcknowledgements();
                    }
                    failing = false;
                } catch (JMSException e) {
                    if (!failing) {
                        connection.reportFailure(e);
                    }
                    failing = true;
                    delivered = false;
                }
                if (!delivered) {
                    doorbell.await(seen, wake);
                    if (Thread.currentThread().isInterrupted()) {
                        synchronized (state) {
                            listenerLoopRunning = false;
                        }
                        return;
                    }
                }
            }
        } finally {
            deliveryThread = null;
        }
    }

    /** Delivers one message of a feed to its listener, if it has one and a message is ready. */
    private boolean deliverOne(DeliveryFeed feed) throws JMSException {
        deliveryLock.lock();
        try {
            MessageListener listener = feed.listener();
            if (closed || listener == null || feed.isClosed() || !connection.isStarted()) {
                return false;
            }
            Delivery delivery = feed.take();
            if (delivery == null) {
                return false;
            }
            FerryMessage message = decodeOrDeadLetter(feed, delivery);
            if (message == null) {
                return true;
            }
            remember(feed, delivery, message);
            boolean threw = false;
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                threw = true;
                LOG.log(System.Logger.Level.WARNING, "MessageListener of " + feed.destination() + " threw", e);
            }
            afterListener(feed, delivery, threw);
            return true;
        } finally {
            deliveryLock.unlock();
        }
    }

    /**
     * AUTO/DUPS_OK: a listener that returned has consumed its message; one that threw gets it again (JMS 3.1
     * §8.7), as a redelivery that counts toward the attempts. CLIENT and transacted sessions leave it to the
     * application. A message the listener recovered or rolled back itself is no longer ours to settle.
     */
    private void afterListener(DeliveryFeed feed, Delivery delivery, boolean threw) throws JMSException {
        int mode = effectiveMode();
        if (mode != Session.AUTO_ACKNOWLEDGE && mode != Session.DUPS_OK_ACKNOWLEDGE) {
            return;
        }
        Handed handed = null;
        synchronized (state) {
            for (int i = 0; i < unacknowledged.size(); i++) {
                if (unacknowledged.get(i).delivery.deliveryId() == delivery.deliveryId()) {
                    handed = unacknowledged.remove(i);
                    break;
                }
            }
        }
        if (handed == null) {
            return;
        }
        if (threw) {
            DeliveryRules rules = feed.rules();
            settle(List.of(rules.deadLetters().returned(delivery, feed.queueName(), rules.redelivery(),
                    System.currentTimeMillis())));
        } else if (mode == Session.AUTO_ACKNOWLEDGE) {
            acknowledgeNow(feed, delivery);
        } else {
            acknowledgeLazily(delivery);
        }
    }

    // ---- closing ------------------------------------------------------------------------------------------

    /**
     * Closes the session (JMS 3.1 §6.2.12): blocked receives return {@code null}, a running listener finishes
     * first (unless close is called from it), the transaction rolls back, unacknowledged messages are
     * redelivered, prefetched ones returned, pending completion callbacks run.
     */
    public void close() throws JMSException {
        Runnable hook = beforeClose;
        if (hook != null && !closed) {
            hook.run();
        }
        synchronized (state) {
            if (closed) {
                return;
            }
            closed = true;
        }
        doorbell.ring();
        for (DeliveryFeed feed : feeds) {
            feed.markClosed();
        }
        synchronized (state) {
            while (activeReceives > 0) {
                doorbell.ring();
                try {
                    state.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        JMSException failure = null;
        deliveryLock.lock();
        try {
            try {
                flushLazyAcknowledgements();
            } catch (JMSException e) {
                failure = e;
            }
            List<Settlement> settlements = new ArrayList<>();
            long now = System.currentTimeMillis();
            synchronized (state) {
                transaction.clear();
                boolean keepCurrent = isDeliveryThread()
                        && (effectiveMode() == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE);
                List<Handed> keep = new ArrayList<>();
                for (Handed handed : unacknowledged) {
                    if (keepCurrent) {
                        // JMS 3.1 Session.close: the current message is still acknowledged when onMessage returns.
                        keep.add(handed);
                        continue;
                    }
                    DeliveryRules rules = handed.feed.rules();
                    settlements.add(rules.deadLetters().returned(handed.delivery, handed.feed.queueName(),
                            rules.redelivery(), now));
                }
                unacknowledged.retainAll(keep);
            }
            for (DeliveryFeed feed : feeds) {
                settlements.addAll(feed.drain());
                broker.signals().unregister(feed);
            }
            try {
                settle(settlements);
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
            for (DeliveryFeed feed : feeds) {
                try {
                    closeConsumer(feed.consumerId(), List.of());
                } catch (JMSException e) {
                    failure = failure == null ? e : failure;
                }
                try {
                    releaseSubscription(feed);
                } catch (JMSException e) {
                    failure = failure == null ? e : failure;
                }
            }
            feeds.clear();
        } finally {
            deliveryLock.unlock();
        }
        ExecutorService executor;
        synchronized (state) {
            executor = completions;
        }
        if (executor != null) {
            executor.shutdown();
            if (!isCompletionThread()) {
                try {
                    executor.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        connection.sessionClosed(this);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Gives back what a closing consumer holds and frees its message groups, in one store transaction: its
     * prefetched deliveries and, in a CLIENT_ACKNOWLEDGE or transacted session, the grouped messages it delivered
     * and the session has not yet acknowledged or committed. Those are redelivered (marked redelivered) so that the
     * group's next consumer starts with them, in order; acknowledging or committing the session later no longer
     * covers them.
     */
    private void closeConsumer(DeliveryFeed feed) throws JMSException {
        List<Settlement> returned = new ArrayList<>();
        if (mode == Session.CLIENT_ACKNOWLEDGE || mode == Session.SESSION_TRANSACTED) {
            long now = System.currentTimeMillis();
            synchronized (state) {
                for (Iterator<Handed> it = unacknowledged.iterator(); it.hasNext(); ) {
                    Handed handed = it.next();
                    if (handed.feed == feed && handed.delivery.message().groupId() != null) {
                        DeliveryRules rules = feed.rules();
                        returned.add(rules.deadLetters().returned(handed.delivery, feed.queueName(),
                                rules.redelivery(), now));
                        it.remove();
                    }
                }
            }
        }
        returned.addAll(feed.drain());
        closeConsumer(feed.consumerId(), returned);
    }

    private void closeConsumer(String consumerId, List<Settlement> returned) throws JMSException {
        try {
            for (Settlement settlement : returned) {
                if (settlement instanceof Settlement.DeadLetter) {
                    broker.destinations().ensureQueue(((Settlement.DeadLetter) settlement).deadLetterQueue());
                }
            }
            broker.store().closeConsumer(consumerId, returned);
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("closing a consumer", e);
        }
    }

    /** A closed consumer of a topic leaves its subscription (a non-durable one is deleted with its last consumer). */
    private void releaseSubscription(DeliveryFeed feed) throws JMSException {
        if (feed.local() != null) {
            broker.localFanOut().detach(feed.local());
        }
        if (feed.subscription() != null) {
            broker.subscriptions().release(feed.subscription());
        }
    }

    /**
     * Blocks until no message is being handed out or processed by a listener of this session; the connection
     * has already stopped delivery ({@code Connection.stop()}, JMS 3.1 §6.1.5).
     */
    void awaitDeliveryIdle() {
        deliveryLock.lock();
        deliveryLock.unlock();
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
    }

    @Override
    public String toString() {
        return "BrokerSession[mode " + mode + ", " + connection + "]";
    }

    /** Redelivery settings of this session's owner that win over each destination's policy (an MDB activation). */
    public void overrideDeliveryRules(DeliveryOverrides overrides) {
        this.deliveryOverrides = overrides == null ? DeliveryOverrides.NONE : overrides;
    }

    DeliveryOverrides deliveryOverrides() {
        return deliveryOverrides;
    }
}
