package dev.ferry.store.admin;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageRecord;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an operator may see and do in the store. Every change is one or more committed database transactions
 * (bulk work: one per batch), is recorded in the audit log with the operator's name, and wakes consumers of the
 * queues that gained ready deliveries exactly as a send does. Deliveries leased to a consumer (in flight) are
 * never touched by purge, delete, move or replay: results say how many were left for that reason.
 *
 * <p>Bulk operations ({@link BulkJob}) run on a background thread of the store, a batch per transaction, report
 * progress, and can be cancelled between batches; memory stays bounded by the batch size whatever the number of
 * messages. Thread-safe.
 */
public interface StoreAdministration {

    /** Rows per transaction of a bulk operation unless the caller says otherwise. */
    int DEFAULT_BATCH_SIZE = 5_000;

    // ---- overview ---------------------------------------------------------------------------------------

    /** Every queue and every topic subscription with its counts, queues by name then subscriptions by topic. */
    List<QueueOverview> overview();

    /** One queue's or subscription's counts. */
    Optional<QueueOverview> overview(long queueId);

    /** Topic subscriptions with their backlog. */
    List<SubscriptionOverview> subscriptions();

    /** The JVMs using the store (the {@code ferry_node} table), oldest first. */
    List<NodeInfo> nodes();

    // ---- destinations -----------------------------------------------------------------------------------

    /** Destinations with their policy and retention. */
    List<DestinationConfiguration> destinations();

    Optional<DestinationConfiguration> destination(long destinationId);

    /**
     * Creates a destination with the given policy and retention.
     *
     * @throws dev.ferry.store.StoreException when one of that name and kind exists
     */
    DestinationConfiguration createDestination(String name, DestinationKind kind, DestinationPolicy policy,
                                               Duration retention, String operator);

    /** Deletes a destination with every message and subscription it holds (leased ones included). */
    void deleteDestination(long destinationId, String operator);

    /** Replaces the policy and the retention of consumed messages ({@link Duration#ZERO}: none). */
    DestinationConfiguration configure(long destinationId, DestinationPolicy policy, Duration retention,
                                       String operator);

    /** Suspends delivery to consumers: claims take nothing from its queues until {@link #resume}. */
    DestinationConfiguration pause(long destinationId, String operator);

    /** Resumes delivery and wakes the destination's consumers. */
    DestinationConfiguration resume(long destinationId, String operator);

    /** Deletes a topic subscription with its backlog; returns whether it existed. */
    boolean deleteSubscription(long queueId, String operator);

    // ---- browsing ---------------------------------------------------------------------------------------

    /**
     * One page of a queue's or subscription's deliveries (leased ones included, with their state), in the
     * request's order, after or before its cursor. Index-backed keyset paging: the cost of a page does not grow
     * with the queue. Filters that only Java can evaluate (predicate, body text) are applied while scanning in
     * bounded batches; the scan stops at {@link BrowseRequest#scanLimit()} rows and the page says so.
     */
    MessagePage browse(BrowseRequest request);

    /** Everything about one delivery, or empty when it is gone (consumed, purged, moved away). */
    Optional<MessageDetail> detail(long deliveryId);

    /**
     * The exact number of deliveries a selection covers right now, and how many of them an operation would
     * leave alone because they are in flight ("will touch N"). Scans in bounded batches.
     */
    Preview preview(Selection selection);

    // ---- operations on queued messages ------------------------------------------------------------------

    /** Deletes the selected deliveries that are not in flight (a purge is a selection of the whole queue). */
    BulkJob delete(Selection selection, String operator);

    /** Moves the selected deliveries that are not in flight to another queue (created when absent). */
    BulkJob move(Selection selection, String targetQueue, String operator);

    /**
     * Sends dead-lettered deliveries (those that carry an original destination) back to their original
     * destination, or to {@link ReplayOptions#target()} when set: the delivery count is reset to zero, failure
     * reason and original destination are cleared, the replay is recorded on the delivery (its replay count and
     * time, shown by {@link #detail}) and the properties pass the options' allow/deny rewrite.
     */
    BulkJob replayDeadLetters(Selection selection, ReplayOptions options, String operator);

    /**
     * Sends consumed messages kept by a destination's retention again, to {@link ReplayOptions#target()} or,
     * when that is {@code null}, to the destination they were consumed from. The retained copies stay.
     */
    BulkJob replayRetained(RetainedSelection selection, ReplayOptions options, String operator);

    /** Consumed messages kept by retention, newest first, at most {@code max}. */
    List<RetainedMessage> retained(RetainedSelection selection, int max);

    /**
     * Replaces a dead-lettered (or any unleased) delivery by an edited copy sent to the original destination (or
     * {@link ReplayOptions#target()}); the original message, complete, goes into the audit record. Returns the
     * new delivery's id.
     *
     * @throws dev.ferry.store.StoreException when the delivery is gone or in flight
     */
    long editAndReplay(long deliveryId, MessageEdit edit, ReplayOptions options, String operator);

    /**
     * Writes the selected messages as JSON Lines (one object per message, see {@code persistence/README.md});
     * nothing is removed. The stream is not closed.
     */
    BulkJob exportJsonLines(Selection selection, OutputStream out, String operator);

    /** Sends every line of a JSON Lines export to a destination (created as a queue when absent). */
    BulkJob importJsonLines(String destinationName, DestinationKind kind, InputStream in, String operator);

    /** Sends one message, as a producer would, and audits it; returns the id of its audit record. */
    long sendTestMessage(long destinationId, MessageRecord message, String operator);

    // ---- audit ------------------------------------------------------------------------------------------

    /** Audit records, newest first. */
    List<AuditEntry> audit(AuditQuery query);
}
