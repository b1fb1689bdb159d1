package dev.ferry.store.database;

import dev.ferry.store.FanOutFilter;
import dev.ferry.store.Send;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * This node's copy of each topic's subscriptions as fan-out needs them, so that a publish to a topic whose
 * subscriptions did not change reads nothing from the database (before, every publish read them, because another
 * node could have subscribed: on PostgreSQL that round trip was the whole cost of a non-persistent publish).
 *
 * <p><b>Changes made through this node</b> (every writer of subscription rows calls {@link #changed} inside its
 * transaction) drop the topic's entry when the transaction ends, before the call that made the change returns:
 * on one node a subscription created before a publish always gets the message.
 *
 * <p><b>Changes made by other nodes</b> reach this cache only through the cross-node notifications
 * ({@link PgNotifications}): the changing transaction notifies in the same transaction, and the receiving node
 * drops the topic's entry. So a node caches only while something guarantees it hears every change: its
 * {@code trusted} condition (PostgreSQL: the listening connection is up; an exclusive embedded H2 database: one
 * cache shared by all nodes of this JVM, which are all its nodes). Whenever that condition may have lapsed
 * ({@link #dropAll}) everything is forgotten, and a read made while it did not hold is not kept.
 *
 * <p><b>A bound on what cannot be heard.</b> A node's cache (not the shared one of an embedded database) also
 * reads a topic's subscriptions again once its entry is older than {@code maxAge} (the heartbeat interval): a
 * notification lost without the connection being seen to fail (a connection that died silently is noticed
 * within about ten seconds), or a change made by a node of an older version that does not announce subscription
 * changes, then delays publishes to a new subscription by at most that long.
 *
 * <p><b>Races.</b> An entry is kept only if no change was signalled between the moment its read began and the
 * moment it is stored (an epoch counter, compared under the same lock that drops entries): a read that overlaps
 * a change may have seen the state before it. A change is signalled after its transaction ended, so a read
 * started after the signal sees the committed change.
 */
final class SubscriptionCache {

    /** Sends, inside the changing transaction, the notification that tells other nodes the topic changed. */
    interface Announcer {
        void subscriptionsChanged(Connection c, long topicId) throws SQLException;
    }

    private static final Announcer SILENT = (c, topicId) -> { };
    /** Caches shared by the nodes of this JVM on one exclusive embedded database, by database identity. */
    private static final Map<String, SubscriptionCache> SHARED_IN_THIS_JVM = new HashMap<>();

    private final Map<Long, Entry> byTopic = new ConcurrentHashMap<>();
    private final long maxAgeNanos;
    private final BooleanSupplier trusted;
    private final Announcer announcer;
    /** Counts the signalled changes; a read keeps its result only if none came meanwhile. */
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    /** Topics a transaction of this thread changed, dropped when it ends. */
    private final ThreadLocal<Set<Long>> changedByThisThread = new ThreadLocal<>();
    private final String sharedKey;
    private int users;

    /** The subscriptions of one topic, read at {@code readAt} (System.nanoTime()). */
    private record Entry(List<SubscriptionRows.Target> targets, long readAt) {
    }

    private SubscriptionCache(BooleanSupplier trusted, Announcer announcer, String sharedKey, long maxAgeMillis) {
        this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMillis);
        this.trusted = trusted;
        this.announcer = announcer;
        this.sharedKey = sharedKey;
    }

    /**
     * The cache of a node on an exclusive embedded database ({@code databaseIdentity}): every node that can
     * change its subscriptions is in this JVM, so they share one cache, always trusted. Release with
     * {@link #release()}.
     */
    static SubscriptionCache sharedInThisJvm(String databaseIdentity) {
        synchronized (SHARED_IN_THIS_JVM) {
            SubscriptionCache cache = SHARED_IN_THIS_JVM.computeIfAbsent(databaseIdentity,
                    key -> new SubscriptionCache(() -> true, SILENT, key, Long.MAX_VALUE / 2_000_000));
            cache.users++;
            return cache;
        }
    }

    /**
     * The cache of one node that shares its database with nodes elsewhere: it keeps entries only while
     * {@code trusted} holds (it hears every other node's change), and for at most {@code maxAgeMillis};
     * {@code announcer} tells the others.
     */
    static SubscriptionCache ofNode(BooleanSupplier trusted, Announcer announcer, long maxAgeMillis) {
        return new SubscriptionCache(trusted, announcer == null ? SILENT : announcer, null, maxAgeMillis);
    }

    /** A node that never caches: it cannot hear other nodes' changes. */
    static SubscriptionCache never() {
        return new SubscriptionCache(() -> false, SILENT, null, 0);
    }

    /** The node using this cache closed. */
    void release() {
        if (sharedKey == null) {
            dropAll();
            return;
        }
        synchronized (SHARED_IN_THIS_JVM) {
            if (--users == 0) {
                SHARED_IN_THIS_JVM.remove(sharedKey, this);
            }
        }
    }

    // ---- reading ----------------------------------------------------------------------------------------

    /** The fan-out targets of the topics sent to, oldest subscription first; reads on {@code c} what is not cached. */
    Map<Long, List<SubscriptionRows.Target>> targets(Connection c, Set<Long> topics) throws SQLException {
        Map<Long, List<SubscriptionRows.Target>> cached = cached(topics);
        if (cached != null) {
            return cached;
        }
        long readFrom = epoch.get(); // before the trust check: a lapse after it moves the epoch
        boolean keep = trusted.getAsBoolean();
        long readAt = System.nanoTime();
        reads.incrementAndGet();
        Map<Long, List<SubscriptionRows.Target>> found = SubscriptionRows.targets(c, topics);
        Map<Long, List<SubscriptionRows.Target>> complete = new HashMap<>();
        for (Long topic : topics) {
            complete.put(topic, List.copyOf(found.getOrDefault(topic, List.of())));
        }
        if (keep) {
            keep(complete, readFrom, readAt);
        }
        return complete;
    }

    /**
     * Whether no subscription still needs a delivery of any of these topic sends (every one accepting it got it
     * in memory). Borrows a connection from {@code dataSource} only when some topic is not cached.
     */
    boolean noneTakes(DataSource dataSource, List<Send> sends, FanOutFilter filter) {
        Set<Long> topics = new HashSet<>();
        sends.forEach(send -> topics.add(send.destinationId()));
        Map<Long, List<SubscriptionRows.Target>> targets = cached(topics);
        if (targets == null) {
            targets = GroupCommit.read(dataSource, "look up the subscriptions of a publish", c -> targets(c, topics));
        }
        for (Send send : sends) {
            if (SubscriptionRows.acceptingQueues(targets.get(send.destinationId()), send, filter).length > 0) {
                return false;
            }
        }
        return true;
    }

    /** The cached targets of all these topics, or null if one of them is not cached. */
    private Map<Long, List<SubscriptionRows.Target>> cached(Set<Long> topics) {
        long now = System.nanoTime();
        if (topics.size() == 1) {
            Long topic = topics.iterator().next();
            List<SubscriptionRows.Target> targets = fresh(byTopic.get(topic), now);
            return targets == null ? null : Map.of(topic, targets);
        }
        Map<Long, List<SubscriptionRows.Target>> found = new HashMap<>();
        for (Long topic : topics) {
            List<SubscriptionRows.Target> targets = fresh(byTopic.get(topic), now);
            if (targets == null) {
                return null;
            }
            found.put(topic, targets);
        }
        return found;
    }

    private List<SubscriptionRows.Target> fresh(Entry entry, long now) {
        return entry == null || now - entry.readAt() > maxAgeNanos ? null : entry.targets();
    }

    private synchronized void keep(Map<Long, List<SubscriptionRows.Target>> read, long readFrom, long readAt) {
        if (epoch.get() == readFrom) {
            read.forEach((topic, targets) -> byTopic.put(topic, new Entry(targets, readAt)));
        }
    }

    /** Whether a publish to this topic would read nothing now (tests). */
    boolean caches(long topicId) {
        return cached(Set.of(topicId)) != null;
    }

    /** How many times this cache read subscriptions from the database (tests, measurements). */
    long reads() {
        return reads.get();
    }

    // ---- changes ----------------------------------------------------------------------------------------

    /**
     * Inside a transaction of this thread that changes subscriptions of {@code topicId} (creates, replaces or
     * deletes one, or deletes the topic): tells the other nodes in that transaction, and drops the entry when
     * the transaction ends ({@link #transactionEnded()}).
     */
    void changed(Connection c, long topicId) throws SQLException {
        Set<Long> topics = changedByThisThread.get();
        if (topics == null) {
            topics = new HashSet<>();
            changedByThisThread.set(topics);
        }
        drop(topicId); // reads of this transaction's own connection must not be kept either
        if (topics.add(topicId)) {
            announcer.subscriptionsChanged(c, topicId);
        }
    }

    /** The transaction of this thread ended (committed or not): drops the entries of the topics it changed. */
    void transactionEnded() {
        Set<Long> topics = changedByThisThread.get();
        if (topics != null) {
            changedByThisThread.remove();
            topics.forEach(this::drop);
        }
    }

    /** Another node changed subscriptions of these topics. */
    void changedElsewhere(Set<Long> topics) {
        topics.forEach(this::drop);
    }

    /**
     * After a commit of {@code sends} failed with {@code failure}: if it failed because a delivery referred to a
     * subscription that no longer exists (a foreign key violation: another node deleted it and its notification
     * has not arrived yet, or it was deleted between the read and the insert), forgets the cached subscriptions
     * of those destinations and answers true: the commit, rolled back, may be tried again once.
     */
    boolean forgetAfterMissingSubscription(List<Send> sends, RuntimeException failure) {
        if (sends.isEmpty() || !isForeignKeyViolation(failure)) {
            return false;
        }
        sends.forEach(send -> drop(send.destinationId()));
        return true;
    }

    private static boolean isForeignKeyViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // SQL standard class 23 integrity constraint violation: 23503 on PostgreSQL, 23506 (or 23503) on H2
            if (t instanceof SQLException sql && ("23503".equals(sql.getSQLState())
                    || "23506".equals(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Forgets everything: this node may have missed changes of other nodes (its listening lapsed or resumed). */
    synchronized void dropAll() {
        epoch.incrementAndGet();
        byTopic.clear();
    }

    private synchronized void drop(long topicId) {
        epoch.incrementAndGet();
        byTopic.remove(topicId);
    }
}
