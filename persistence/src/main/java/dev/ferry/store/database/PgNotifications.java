package dev.ferry.store.database;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Cross-node wake-ups on PostgreSQL (DESIGN.md #5): a commit that makes deliveries ready sends
 * {@code NOTIFY ferry_wakeup} with the queue ids in the same transaction, so other nodes hear of it exactly when
 * it has committed; each node keeps one connection outside the pool that {@code LISTEN}s and rings the local
 * doorbells of the queues it hears about.
 *
 * <p><b>No notification storm.</b> A transaction sends at most one {@code NOTIFY} (several only when its queue
 * list would not fit in PostgreSQL's 8000-byte payload). A queue this node notified less than the coalescing
 * window ago is left out of the transaction's notification; once that transaction has committed it joins one
 * trailing notification sent at the end of the window. So under load a node notifies each busy queue about
 * twice per window, however many commits it makes, while an idle queue is notified at once; and every commit is
 * followed, within the window, by a notification sent after it committed, so no waiting consumer misses it.
 *
 * <p><b>Alone, silent.</b> A node that knows of no other node sends nothing: a single-node deployment pays
 * nothing for this. It learns of others from the node table at each heartbeat and, at once, from any
 * notification of another node: every node announces itself with an empty notification as soon as it listens.
 *
 * <p>While the listening connection is down (it reconnects with backoff), {@link #listening()} is false and the
 * engine falls back to polling; after reconnecting every queue is woken once, for what was missed meanwhile.
 *
 * <p><b>Subscription changes.</b> A transaction that creates or deletes a subscription of topic N also sends
 * {@code "<node id> s<N>"}, whether or not this node thinks itself alone (a node that has just started listening
 * may already cache that topic's subscriptions); the nodes hearing it drop their cached subscriptions of N
 * ({@link SubscriptionCache}). Losing or regaining the listening connection drops the whole cache, since changes
 * may have been missed. Older nodes ignore such an id as malformed.
 */
final class PgNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgNotifications.class);

    static final String CHANNEL = "ferry_wakeup";
    /** PostgreSQL refuses payloads of 8000 bytes or more; stay clear of it. */
    private static final int MAX_PAYLOAD = 7_900;
    /** How long one wait for notifications lasts; a closed store is noticed within it. */
    private static final int WAIT_MILLIS = 500;
    /**
     * After (re)connecting every queue is woken twice: at once, and this much later, for commits of nodes that
     * had not yet heard this node announce itself (they do not notify while they think themselves alone).
     */
    private static final long SECOND_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** A quiet connection is checked with a query this often, to notice a connection that died silently. */
    private static final long CHECK_QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long MAX_RECONNECT_DELAY_MILLIS = 5_000;
    /** Marks a topic id in a payload: "subscriptions of this topic changed", not a queue to wake. */
    private static final char SUBSCRIPTIONS_OF = 's';

    /** Opens the connection that listens; not one of the pool's. */
    interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /** Sends a trailing notification in a transaction of its own. */
    interface Sender {
        void send(Set<Long> queues);
    }

    private final String nodeId;
    private final ConnectionOpener opener;
    private final Consumer<Set<Long>> wake;
    private final Sender trailingSender;
    private final AllQueues allQueues;
    private final long windowNanos;
    private final SubscriptionCache subscriptions;
    /** When this node last notified each queue (System.nanoTime()). */
    private final Map<Long, Long> lastNotified = new ConcurrentHashMap<>();
    /** Queues of committed transactions that were left out of their notification, for the trailing one. */
    private final Set<Long> trailing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean trailingScheduled = new AtomicBoolean();
    /** Queues a transaction of this thread left out of its notification, until it has committed. */
    private final ThreadLocal<Set<Long>> leftOut = new ThreadLocal<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final ScheduledExecutorService trailingThread;
    private final Thread listener;
    private volatile boolean listening;
    /** Whether another node may be listening: false only while the node table showed this node alone. */
    private volatile boolean othersPresent = true;
    /** When a notification of another node last arrived (System.nanoTime()). */
    private volatile long lastForeignNanos;
    private volatile boolean heardForeign;
    private volatile boolean closed;
    private volatile Connection connection;

    /** The ids of every queue, woken after a reconnection. */
    interface AllQueues {
        Set<Long> get();
    }

    PgNotifications(String nodeId, ConnectionOpener opener, Consumer<Set<Long>> wake, Sender trailingSender,
                    AllQueues allQueues, long windowMillis) {
        this(nodeId, opener, wake, trailingSender, allQueues, windowMillis, SubscriptionCache.never());
    }

    PgNotifications(String nodeId, ConnectionOpener opener, Consumer<Set<Long>> wake, Sender trailingSender,
                    AllQueues allQueues, long windowMillis, SubscriptionCache subscriptions) {
        this.subscriptions = subscriptions;
        this.nodeId = nodeId;
        this.opener = opener;
        this.wake = wake;
        this.trailingSender = trailingSender;
        this.allQueues = allQueues;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        this.trailingThread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ferry-notify-" + nodeId.substring(0, 8));
            thread.setDaemon(true);
            return thread;
        });
        this.listener = new Thread(this::listen, "ferry-listen-" + nodeId.substring(0, 8));
        this.listener.setDaemon(true);
    }

    void start() {
        listener.start();
    }

    /** Whether the listening connection is up: other nodes' commits wake this node's consumers. */
    boolean listening() {
        return listening;
    }

    /**
     * The node table, read at {@code readAtNanos}, held {@code nodes} nodes. Alone means silent, unless another
     * node made itself heard since the table was read.
     */
    void nodesSeen(int nodes, long readAtNanos) {
        if (nodes > 1) {
            othersPresent = true;
        } else if (!heardForeign || lastForeignNanos - readAtNanos < 0) {
            othersPresent = false;
        }
    }

    boolean othersPresent() {
        return othersPresent;
    }

    long notificationsSent() {
        return sent.get();
    }

    long notificationsReceived() {
        return received.get();
    }

    // ---- sending ------------------------------------------------------------------------------------------

    /**
     * Inside the transaction that made deliveries ready on {@code queues}: notifies those not notified within
     * the window. Call {@link #committed()} after the transaction committed.
     */
    void announce(Connection c, Set<Long> queues) throws SQLException {
        leftOut.remove();
        if (queues.isEmpty() || closed || !othersPresent) {
            return;
        }
        long now = System.nanoTime();
        Set<Long> notify = new HashSet<>();
        Set<Long> skipped = null;
        for (Long queue : queues) {
            Long last = lastNotified.get(queue);
            if (last != null && now - last < windowNanos) {
                if (skipped == null) {
                    skipped = new HashSet<>();
                }
                skipped.add(queue);
            } else {
                notify.add(queue);
                lastNotified.put(queue, now);
            }
        }
        if (skipped != null) {
            leftOut.set(skipped);
        }
        if (!notify.isEmpty()) {
            send(c, notify);
        }
    }

    /** The transaction of this thread that called {@link #announce} committed. */
    void committed() {
        Set<Long> skipped = leftOut.get();
        if (skipped == null) {
            return;
        }
        leftOut.remove();
        trailing.addAll(skipped);
        if (trailingScheduled.compareAndSet(false, true)) {
            try {
                trailingThread.schedule(this::sendTrailing, windowNanos, TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                trailingScheduled.set(false); // closing
            }
        }
    }

    private void sendTrailing() {
        trailingScheduled.set(false);
        Set<Long> queues = new HashSet<>();
        for (Long queue : trailing) {
            if (trailing.remove(queue)) {
                queues.add(queue);
            }
        }
        if (queues.isEmpty() || closed) {
            return;
        }
        long now = System.nanoTime();
        queues.forEach(queue -> lastNotified.put(queue, now));
        try {
            trailingSender.send(queues);
        } catch (RuntimeException e) {
            LOG.warn("trailing notification of queues {} failed; other nodes find them by polling", queues, e);
        }
    }

    /** Sends {@code NOTIFY} for the queues on {@code c}, in as few notifications as fit the payload limit. */
    void send(Connection c, Set<Long> queues) throws SQLException {
        StringBuilder payload = new StringBuilder(nodeId).append(' ');
        int prefix = payload.length();
        List<String> payloads = new ArrayList<>(1);
        for (Long queue : queues) {
            String id = Long.toString(queue);
            if (payload.length() + id.length() + 1 > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(prefix);
            }
            if (payload.length() > prefix) {
                payload.append(',');
            }
            payload.append(id);
        }
        payloads.add(payload.toString());
        try (PreparedStatement statement = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            for (String text : payloads) {
                statement.setString(1, text);
                try (ResultSet rs = statement.executeQuery()) {
                    sent.incrementAndGet();
                }
            }
        }
    }

    /**
     * Inside a transaction that changes subscriptions of {@code topicId}: tells every other node. Also once
     * closed: a closing node deletes its non-durable subscriptions after it stopped listening.
     */
    void subscriptionsChanged(Connection c, long topicId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            statement.setString(1, nodeId + ' ' + SUBSCRIPTIONS_OF + topicId);
            try (ResultSet rs = statement.executeQuery()) {
                sent.incrementAndGet();
            }
        }
    }

    // ---- listening ----------------------------------------------------------------------------------------

    private void listen() {
        long delay = 100;
        while (!closed) {
            try (Connection c = opener.open()) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement statement = c.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                subscriptions.dropAll(); // changes made while not listening were not heard
                delay = 100;
                try (Statement statement = c.createStatement()) {
                    // tells nodes that thought themselves alone to notify from now on
                    statement.execute("NOTIFY " + CHANNEL + ", '" + nodeId + " '");
                    // a node that announced itself before this LISTEN had registered before it: count it
                    long readAt = System.nanoTime();
                    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM ferry_node")) {
                        nodesSeen(rs.next() ? rs.getInt(1) : 1, readAt);
                    }
                }
                LOG.debug("node {} listens for wake-ups of other nodes", nodeId);
                long quietSince = System.nanoTime();
                long secondWake = 0;
                if (othersPresent) { // alone, nothing was missed: no other node committed anything
                    wakeEverything(); // what other nodes committed while this node was not listening
                    secondWake = quietSince + SECOND_WAKE_NANOS;
                }
                while (!closed) {
                    int wait = WAIT_MILLIS;
                    if (secondWake != 0) {
                        long untilSecond = secondWake - System.nanoTime();
                        if (untilSecond <= 0) {
                            wakeEverything();
                            secondWake = 0;
                        } else {
                            wait = (int) Math.max(1, Math.min(WAIT_MILLIS, TimeUnit.NANOSECONDS.toMillis(untilSecond)));
                        }
                    }
                    PGNotification[] notifications = pg.getNotifications(wait);
                    if (notifications != null && notifications.length > 0) {
                        deliver(notifications);
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > CHECK_QUIET_NANOS) {
                        try (Statement check = c.createStatement()) {
                            check.execute("SELECT 1");
                        }
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                boolean wasListening = listening;
                listening = false;
                subscriptions.dropAll();
                if (closed) {
                    return;
                }
                if (wasListening) {
                    LOG.warn("node {} lost its notification connection; polling until it is back: {}", nodeId,
                            e.toString());
                } else {
                    LOG.debug("node {} cannot open its notification connection: {}", nodeId, e.toString());
                }
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    return;
                }
                delay = Math.min(MAX_RECONNECT_DELAY_MILLIS, delay * 2);
            } finally {
                listening = false;
                subscriptions.dropAll();
                connection = null;
            }
        }
    }

    private void deliver(PGNotification[] notifications) {
        Set<Long> queues = new HashSet<>();
        Set<Long> topics = null;
        for (PGNotification notification : notifications) {
            received.incrementAndGet();
            String payload = notification.getParameter();
            int space = payload == null ? -1 : payload.indexOf(' ');
            if (space < 0 || payload.startsWith(nodeId + ' ')) {
                continue; // this node's own: its consumers were woken in the committing thread
            }
            lastForeignNanos = System.nanoTime();
            heardForeign = true;
            othersPresent = true;
            if (space == payload.length() - 1) {
                continue; // a node announcing itself
            }
            for (String id : payload.substring(space + 1).split(",")) {
                try {
                    if (!id.isEmpty() && id.charAt(0) == SUBSCRIPTIONS_OF) {
                        if (topics == null) {
                            topics = new HashSet<>();
                        }
                        topics.add(Long.parseLong(id.substring(1)));
                        continue;
                    }
                    queues.add(Long.parseLong(id));
                } catch (NumberFormatException e) {
                    LOG.debug("ignoring a malformed wake-up notification '{}'", payload);
                }
            }
        }
        if (topics != null) {
            subscriptions.changedElsewhere(topics);
        }
        if (!queues.isEmpty()) {
            wake.accept(queues);
        }
    }

    private void wakeEverything() {
        try {
            Set<Long> queues = allQueues.get();
            if (!queues.isEmpty()) {
                wake.accept(queues);
            }
        } catch (RuntimeException e) {
            LOG.debug("could not list the queues to wake after reconnecting", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        trailingThread.shutdownNow();
        listener.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close(); // unblocks a wait in getNotifications
            } catch (SQLException | RuntimeException e) {
                LOG.debug("closing the notification connection failed", e);
            }
        }
        try {
            listener.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
