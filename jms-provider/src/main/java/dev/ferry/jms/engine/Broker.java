package dev.ferry.jms.engine;

import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.message.ObjectMessageAllowList;
import dev.ferry.jms.support.JmsExceptions;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.Settlement;
import dev.ferry.store.StoreException;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The broker of one configuration inside this JVM: one per distinct {@link FerryConfig}, shared by every
 * connection made with it, and closed (its store with it) when the last of them closes. It owns the store, the
 * codec, the destination directory with the resolved delivery rules, the wake-up signals and the threads that
 * deliver to message listeners. It is the only class through which the JMS layer reaches the store.
 */
public final class Broker {

    private static final System.Logger LOG = System.getLogger(Broker.class.getName());
    private static final Map<FerryConfig, Broker> RUNNING = new HashMap<>();
    private static final long HOUSEKEEPING_MILLIS = 10_000;

    private final FerryConfig config;
    private final MessageStore store;
    private final MessageCodec codec;
    private final DestinationDirectory destinations;
    private final SubscriptionDirectory subscriptions;
    private final LocalFanOut localFanOut;
    private final WakeUpSignals signals = new WakeUpSignals();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService deliveryThreads;
    private final TransactionBranches transactionBranches;
    private final String messageIdPrefix;
    private final AtomicLong messageCounter = new AtomicLong();
    private final AtomicLong connectionCounter = new AtomicLong();
    private final long maxMessageSize;
    private final long pollIntervalMillis;
    private final boolean handOff;
    private final AdaptivePolling polling;
    private volatile Authenticator authenticator;
    private int references;
    private boolean closed;

    private Broker(FerryConfig config, MessageStore store) throws JMSException {
        this.config = config;
        this.store = store;
        this.authenticator = loadAuthenticator(config);
        this.codec = new MessageCodec(
                ObjectMessageAllowList.withExtra(config.get(FerryProperties.OBJECT_MESSAGE_ALLOW_LIST)));
        this.pollIntervalMillis = Math.max(1, config.get(FerryProperties.POLL_INTERVAL).toMillis());
        this.maxMessageSize = config.get(FerryProperties.MAX_MESSAGE_SIZE);
        this.handOff = config.get(FerryProperties.CONSUMER_HAND_OFF);
        this.destinations = new DestinationDirectory(store, config, config.get(FerryProperties.AUTO_CREATE),
                TimeUnit.MILLISECONDS.toNanos(Math.max(pollIntervalMillis, 1_000)));
        this.messageIdPrefix = "ID:" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + "-";
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("ferry-broker-scheduler"));
        this.deliveryThreads = Executors.newCachedThreadPool(daemonThreads("ferry-delivery"));
        this.transactionBranches = new TransactionBranches(this, scheduler);
        this.subscriptions = new SubscriptionDirectory(store);
        this.polling = new AdaptivePolling(store, config.get(FerryProperties.POLL_MIN_INTERVAL).toMillis(),
                pollIntervalMillis);
        this.localFanOut = new LocalFanOut(store, new SubscriptionSelectors(codec),
                config.get(FerryProperties.SUBSCRIPTION_MEMORY_BUFFER));
        store.setFanOutFilter(new SubscriptionSelectors(codec));
        store.addWakeUpListener(signals);
        scheduler.scheduleWithFixedDelay(this::housekeeping, HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The broker of this configuration, started (its store opened) when it is the first user. */
    public static Broker acquire(FerryConfig config) throws JMSException {
        return acquire(config, MessageStores::open);
    }

    /** As {@link #acquire(FerryConfig)}, opening the store with {@code opener} when the broker is not running. */
    public static Broker acquire(FerryConfig config, Function<FerryConfig, MessageStore> opener) throws JMSException {
        synchronized (RUNNING) {
            Broker broker = RUNNING.get(config);
            if (broker == null) {
                MessageStore store;
                try {
                    store = opener.apply(config);
                } catch (RuntimeException e) {
                    throw JmsExceptions.withCause(new JMSException("cannot open the Ferry message store of "
                            + config + ": " + e.getMessage()), e);
                }
                try {
                    broker = new Broker(config, store);
                } catch (RuntimeException e) {
                    store.close();
                    throw JmsExceptions.withCause(new JMSException("cannot start the Ferry broker: "
                            + e.getMessage()), e);
                } catch (JMSException e) {
                    store.close();
                    throw e;
                }
                RUNNING.put(config, broker);
            }
            broker.references++;
            return broker;
        }
    }

    /** Gives back a reference taken by {@link #acquire}; the last one closes the broker and its store. */
    public void release() {
        synchronized (RUNNING) {
            if (closed || --references > 0) {
                return;
            }
            closed = true;
            RUNNING.remove(config);
        }
        scheduler.shutdownNow();
        deliveryThreads.shutdown();
        try {
            deliveryThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.removeWakeUpListener(signals);
        store.close();
    }

    private static Authenticator loadAuthenticator(FerryConfig config) throws JMSException {
        for (AuthenticatorFactory factory : ServiceLoader.load(AuthenticatorFactory.class,
                Broker.class.getClassLoader())) {
            Authenticator authenticator = factory.create(config);
            if (authenticator != null) {
                return authenticator;
            }
        }
        if (config.isSet(FerryProperties.SECURITY_USERS)) {
            // Fail closed: a configured user list must never silently mean "security off".
            throw new JMSSecurityException(FerryProperties.SECURITY_USERS.key()
                    + " is set but no authenticator is available to enforce it");
        }
        return Authenticator.OPEN;
    }

    private void housekeeping() {
        try {
            store.expire();
            if (store.recoverExpiredLeases() > 0) {
                signals.wakeAll();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Ferry housekeeping (expiry, lease recovery) failed", e);
        }
    }

    // ---- what connections use -----------------------------------------------------------------------------

    public FerryConfig config() {
        return config;
    }

    public void setAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator == null ? Authenticator.OPEN : authenticator;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** Authenticates through the configured {@link Authenticator}; returns the effective user. */
    public String authenticate(String user, String password) throws JMSSecurityException {
        return authenticator.authenticate(user, password);
    }

    /** Opens the broker side of a new JMS connection. */
    public BrokerConnection connect(String user) {
        String id = Long.toString(connectionCounter.incrementAndGet(), 36);
        return new BrokerConnection(this, id, user);
    }

    /**
     * Reserves a client identifier for one open connection among the connections of every node on the store
     * (JMS 3.1 §6.1.2); {@code onLost} runs if this node, taken for dead, finds it taken by another node.
     */
    void claimClientId(String clientId, String connectionId, Runnable onLost) throws JMSException {
        boolean claimed;
        try {
            claimed = store.claimClientId(clientId, connectionId, onLost);
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("claiming client ID '" + clientId + "'", e);
        }
        if (!claimed) {
            throw new InvalidClientIDException("client ID '" + clientId
                    + "' is already in use by another open connection (on this or another node)");
        }
    }

    void releaseClientId(String clientId, String connectionId) throws JMSException {
        try {
            store.releaseClientId(clientId, connectionId);
        } catch (StoreException e) {
            throw JmsExceptions.fromStore("releasing client ID '" + clientId + "'", e);
        }
    }

    // ---- engine internals ---------------------------------------------------------------------------------

    MessageStore store() {
        return store;
    }

    public MessageCodec codec() {
        return codec;
    }

    /** The XA transaction branches of this broker (its resource manager). */
    public TransactionBranches transactionBranches() {
        return transactionBranches;
    }

    DestinationDirectory destinations() {
        return destinations;
    }

    SubscriptionDirectory subscriptions() {
        return subscriptions;
    }

    LocalFanOut localFanOut() {
        return localFanOut;
    }

    WakeUpSignals signals() {
        return signals;
    }

    ExecutorService deliveryThreads() {
        return deliveryThreads;
    }

    /**
     * Returns a delivery to its queue from the scheduler thread, for a caller that may not call the store itself
     * (a commit's hand-off to a consumer that closed meanwhile); if that fails, lease recovery returns it.
     */
    void returnLater(Settlement settlement) {
        scheduler.execute(() -> runQuietly("returning delivery " + settlement.deliveryId() + " to its queue",
                () -> store.settle(List.of(settlement))));
    }

    long maxMessageSize() {
        return maxMessageSize;
    }

    /** Whether sends may go straight to waiting consumers of this JVM ({@link HandOffToConsumer}). */
    boolean handsOffToWaitingConsumers() {
        return handOff;
    }

    long pollIntervalMillis() {
        return polling.intervalMillis();
    }

    AdaptivePolling polling() {
        return polling;
    }

    /** {@code ID:} followed by a per-broker random prefix and a counter: unique across nodes, cheap to make. */
    String nextMessageId() {
        return messageIdPrefix + Long.toHexString(messageCounter.incrementAndGet());
    }

    static void runQuietly(String what, Runnable action) {
        try {
            action.run();
        } catch (StoreException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, what + " failed", e);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "Broker[" + config + ", node " + store.nodeId() + "]";
    }
}
