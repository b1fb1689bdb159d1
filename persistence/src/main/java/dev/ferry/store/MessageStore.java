package dev.ferry.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The store in broker terms. Every method is one database transaction that has committed (or rolled back and
 * thrown {@link StoreException}) when it returns; nothing is cached that a crash could lose. Thread-safe: one
 * instance serves every session of a JVM. Knows nothing of {@code jakarta.jms}.
 */
public interface MessageStore extends AutoCloseable {

    /** The id under which this JVM leases deliveries and heartbeats. */
    String nodeId();

    // ---- destinations ----------------------------------------------------------------------------------

    Optional<Destination> findDestination(String name, DestinationKind kind);

    /** The destination, created with default policy when absent. Safe against concurrent creation. */
    Destination createDestinationIfAbsent(String name, DestinationKind kind);

    /**
     * Creates a temporary destination owned by a connection; deleted by {@link #deleteDestination(long)} or
     * when its owner's node stops heartbeating.
     */
    Destination createTemporaryDestination(String name, DestinationKind kind, String ownerConnectionId);

    /** Deletes the destination with every message in it. */
    void deleteDestination(long destinationId);

    Destination updatePolicy(long destinationId, DestinationPolicy policy);

    List<Destination> destinations();

    // ---- topic subscriptions (JMS 3.1 §6.11) -------------------------------------------------------------

    /**
     * The subscription a request names, created (with an empty queue) when absent. A named subscription that
     * exists is returned as it is, even if it differs from the request (the caller decides whether to
     * {@link #replaceSubscription replace} it); an unshared non-durable request always creates a new one. Safe
     * against concurrent creation on any node.
     */
    default Subscription subscribe(SubscriptionRequest request) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support topic subscriptions");
    }

    /**
     * Deletes a subscription with its backlog and creates the requested one in one transaction (JMS 3.1: a
     * durable subscription whose topic, selector or noLocal changes is deleted and created anew).
     */
    default Subscription replaceSubscription(long queueId, SubscriptionRequest request) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support topic subscriptions");
    }

    /** The named subscription of that identity ({@link Subscription#keyOf}), if it exists. */
    default Optional<Subscription> findSubscription(boolean durable, boolean shared, String clientId, String name) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support topic subscriptions");
    }

    /** Deletes a subscription with every delivery it holds; returns whether it existed. */
    default boolean deleteSubscription(long queueId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support topic subscriptions");
    }

    /** The subscriptions of a topic, oldest first. */
    default List<Subscription> subscriptions(long topicId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support topic subscriptions");
    }

    /** Sets the filter that applies subscriptions' message selectors at publish time. */
    default void setFanOutFilter(FanOutFilter filter) {
        // a store without subscriptions has nothing to filter
    }

    // ---- the hot path ----------------------------------------------------------------------------------

    /** Applies sends, acknowledgements and settlements in one database transaction. */
    void commit(UnitOfWork work);

    /**
     * Leases up to {@code max} ready deliveries of a queue to this node, highest priority first and in send
     * order within a priority. A delivery is ready when it is not leased, its delivery time has come and it has
     * not expired. Each claimed delivery's count is incremented. Concurrent claimers (threads or JVMs) never
     * receive the same delivery.
     */
    List<Delivery> claim(long queueId, int max);

    /**
     * Leases up to {@code max} ready deliveries of a queue that {@code filter} accepts (a consumer with a message
     * selector), in ready order: send order, with a delivery that became ready again (released, redelivered,
     * recovered) placed as if sent then. Deliveries the filter refuses are never leased. The scan starts after
     * {@code cursor}'s position and moves it past what it has looked at, so the same non-matching deliveries are
     * not read on every claim. Priority orders the deliveries of one claim but not the whole scan.
     */
    default List<Delivery> claim(long queueId, int max, DeliveryFilter filter, ScanCursor cursor) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot claim through a filter");
    }

    /** Settles claimed deliveries in one transaction (returning, redelivering or dead-lettering them). */
    void settle(Collection<Settlement> settlements);

    // ---- inspection and administration -----------------------------------------------------------------

    /** A page of a queue's deliveries in delivery order after {@code afterDeliveryId}, leased or not; no lease is taken. */
    List<Delivery> browse(long queueId, long afterDeliveryId, int max);

    QueueStatistics statistics(long queueId);

    /** Deletes every delivery of the queue that is not leased; returns how many. */
    long purge(long queueId);

    /** Earliest future time at which a delivery of the queue becomes ready, if any is scheduled. */
    OptionalLong nextReadyTime(long queueId);

    /** Returns deliveries whose lease has expired to their queues; returns how many. */
    int recoverExpiredLeases();

    /**
     * Removes expired deliveries, moving each to its destination's expiry queue (the policy's, else
     * {@code ferry.expiryQueue}; none when that is empty) with its original destination recorded, else dropping
     * it; returns how many.
     */
    int expire();

    /** How many messages have expired in the queue (moved to an expiry queue or dropped) since it was created. */
    default long expiredCount(long queueId) {
        throw new UnsupportedOperationException(getClass().getName() + " does not count expired messages");
    }

    /**
     * The operator's view of this store: overview, browsing, and audited operations (DESIGN.md decision 10).
     */
    default dev.ferry.store.admin.StoreAdministration administration() {
        throw new UnsupportedOperationException(getClass().getName() + " has no administration");
    }

    // ---- XA transaction branches (DESIGN.md #4) -------------------------------------------------------------

    /**
     * Prepares a branch of a global transaction in one database transaction: records the branch, stores its
     * sends invisibly (no claim takes them, they are not browsed) and takes its acknowledged deliveries, which
     * must still be leased by this node, into the branch. From then on only {@link #commitPrepared} or
     * {@link #rollbackPrepared} (on any node, also after a crash) ends them; lease recovery leaves them alone.
     * Returns {@code false}, having changed nothing, when an acknowledged delivery is no longer leased by this node
     * (its lease expired): the branch cannot keep its promise and must roll back. A branch already prepared
     * raises {@link StoreException}.
     */
    default boolean prepare(TransactionBranch branch, UnitOfWork work, long startedAt) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support XA transactions");
    }

    /**
     * Commits a prepared branch: its sends become ready and its acknowledged deliveries are deleted, in one
     * transaction. Returns {@code false} when no such branch is prepared.
     */
    default boolean commitPrepared(TransactionBranch branch) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support XA transactions");
    }

    /**
     * Rolls back a prepared branch: its sends are deleted and its acknowledged deliveries return to their queues
     * with their delivery count kept (the next delivery is marked redelivered). Returns {@code false} when no such
     * branch is prepared.
     */
    default boolean rollbackPrepared(TransactionBranch branch) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support XA transactions");
    }

    /** Every branch prepared in this store and not yet committed or rolled back, by any node. */
    default List<TransactionBranch> preparedBranches() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support XA transactions");
    }

    // ---- wake-ups --------------------------------------------------------------------------------------

    /** Registers a listener told, after each commit, which queues received deliveries. */
    void addWakeUpListener(WakeUpListener listener);

    void removeWakeUpListener(WakeUpListener listener);

    @Override
    void close();
}
