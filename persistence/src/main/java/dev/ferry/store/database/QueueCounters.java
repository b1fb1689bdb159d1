package dev.ferry.store.database;

import dev.ferry.store.schema.SupportedDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's cumulative enqueue and dequeue counts per queue, for the console's rates. The hot path only adds to
 * a {@link LongAdder} (no row is updated per send, which would serialise concurrent senders of a queue on one
 * row lock); the heartbeat writes the totals to {@code ferry_queue_counter}, one row per queue and node, as
 * absolute values, so a lost or repeated write does not skew them.
 */
final class QueueCounters {

    private static final class Counts {
        final LongAdder enqueued = new LongAdder();
        final LongAdder dequeued = new LongAdder();
        volatile long writtenEnqueued = -1;
        volatile long writtenDequeued = -1;
    }

    private final Map<Long, Counts> byQueue = new ConcurrentHashMap<>();

    void enqueued(long queueId, long count) {
        if (count > 0) {
            byQueue.computeIfAbsent(queueId, q -> new Counts()).enqueued.add(count);
        }
    }

    void dequeued(long queueId, long count) {
        if (count > 0) {
            byQueue.computeIfAbsent(queueId, q -> new Counts()).dequeued.add(count);
        }
    }

    /** Writes the totals that changed since the last write, inside the caller's transaction. */
    void write(Connection c, SupportedDatabase database, String nodeId) throws SQLException {
        String upsert = database == SupportedDatabase.POSTGRESQL
                ? "INSERT INTO ferry_queue_counter (queue_id, node_id, enqueued, dequeued) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (queue_id, node_id) DO UPDATE SET enqueued = EXCLUDED.enqueued, "
                + "dequeued = EXCLUDED.dequeued"
                : "MERGE INTO ferry_queue_counter (queue_id, node_id, enqueued, dequeued) KEY (queue_id, node_id) "
                + "VALUES (?, ?, ?, ?)";
        boolean any = false;
        try (PreparedStatement statement = c.prepareStatement(upsert)) {
            for (Map.Entry<Long, Counts> entry : byQueue.entrySet()) {
                Counts counts = entry.getValue();
                long enqueued = counts.enqueued.sum();
                long dequeued = counts.dequeued.sum();
                if (enqueued == counts.writtenEnqueued && dequeued == counts.writtenDequeued) {
                    continue;
                }
                statement.setLong(1, entry.getKey());
                statement.setString(2, nodeId);
                statement.setLong(3, enqueued);
                statement.setLong(4, dequeued);
                statement.addBatch();
                counts.writtenEnqueued = enqueued;
                counts.writtenDequeued = dequeued;
                any = true;
            }
            if (any) {
                statement.executeBatch();
            }
        }
    }
}
