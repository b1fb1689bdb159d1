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

    /** Removes expired deliveries (moving them to the destination's expiry queue when it has one); returns how many. */
    int expire();

    // ---- wake-ups --------------------------------------------------------------------------------------

    /** Registers a listener told, after each commit, which queues received deliveries. */
    void addWakeUpListener(WakeUpListener listener);

    void removeWakeUpListener(WakeUpListener listener);

    @Override
    void close();
}
