package dev.ferry.store.database;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Retention of consumed messages ({@code ferry_destination.retention_ms}, {@code ferry_retained}): an
 * acknowledgement copies the message of each acknowledged delivery whose destination keeps consumed messages,
 * in the acknowledging transaction, before the delivery is deleted. Whether any destination keeps them is
 * cached ({@link #inUse}) so that acknowledgements pay nothing when retention is not used: set at once by an
 * operator's change on this node, refreshed from the database by every heartbeat (other nodes' changes).
 */
final class RetainedRows {

    static final String MESSAGE_COLUMNS = "destination_name, destination_kind, message_id, sent_at, "
            + "correlation_id, correlation_id_bytes, reply_to, message_type, persistent, priority, expiration, "
            + "delivery_time, group_id, group_seq, body_type, properties, body";

    private static final String KEEP = "INSERT INTO ferry_retained (destination_id, queue_id, consumed_at, "
            + "retained_until, delivery_count, " + MESSAGE_COLUMNS + ") "
            + "SELECT t.id, d.queue_id, ?, ? + t.retention_ms, d.delivery_count, m.destination_name, "
            + "m.destination_kind, m.message_id, m.sent_at, m.correlation_id, m.correlation_id_bytes, m.reply_to, "
            + "m.message_type, m.persistent, m.priority, m.expiration, m.delivery_time, m.group_id, m.group_seq, "
            + "m.body_type, m.properties, m.body "
            + "FROM ferry_delivery d JOIN ferry_message m ON m.id = d.message_id "
            + "JOIN ferry_queue q ON q.id = d.queue_id JOIN ferry_destination t ON t.id = q.destination_id "
            + "WHERE d.id = ANY(?) AND d.lease_owner = ? AND t.retention_ms > 0";

    private volatile boolean inUse;

    boolean inUse() {
        return inUse;
    }

    void markInUse() {
        inUse = true;
    }

    /** Copies the consumed messages of destinations with retention; inside the acknowledging transaction. */
    void keep(Connection c, Array deliveryIds, String nodeId) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement statement = c.prepareStatement(KEEP)) {
            statement.setLong(1, now);
            statement.setLong(2, now);
            statement.setArray(3, deliveryIds);
            statement.setString(4, nodeId);
            statement.executeUpdate();
        }
    }

    /** Refreshes {@link #inUse} and deletes up to 10,000 retained messages whose time is up (a
     * bounded transaction per heartbeat); returns how many. */
    int housekeep(Connection c) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT 1 FROM ferry_destination WHERE retention_ms > 0 FETCH FIRST 1 ROWS ONLY");
             ResultSet rs = statement.executeQuery()) {
            inUse = rs.next();
        }
        try (PreparedStatement statement = c.prepareStatement("DELETE FROM ferry_retained WHERE id IN (SELECT id FROM ferry_retained WHERE retained_until < ? "
                        + "FETCH FIRST 10000 ROWS ONLY)")) {
            statement.setLong(1, System.currentTimeMillis());
            return statement.executeUpdate();
        }
    }
}
