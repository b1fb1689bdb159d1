package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.schema.SupportedDatabase;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the hot path, with the few places where H2 and PostgreSQL differ: how a DML statement returns
 * the rows it changed, and how a batch of deliveries is claimed without two claimers taking the same row.
 */
abstract class StoreSql {

    static final String DELIVERY_COLUMNS =
            "d.id, d.queue_id, d.message_id, d.delivery_count, d.original_destination, d.failure_reason";
    static final String MESSAGE_COLUMNS =
            "m.destination_name, m.destination_kind, m.message_id, m.sent_at, m.correlation_id, "
                    + "m.correlation_id_bytes, m.reply_to, m.message_type, m.persistent, m.priority, m.expiration, "
                    + "m.delivery_time, m.group_id, m.group_seq, m.body_type, m.properties, m.body";

    static final String INSERT_MESSAGE = "INSERT INTO ferry_message (id, destination_name, destination_kind, "
            + "message_id, sent_at, correlation_id, correlation_id_bytes, reply_to, message_type, persistent, "
            + "priority, expiration, delivery_time, group_id, group_seq, body_type, properties, body) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_DELIVERY = "INSERT INTO ferry_delivery (id, queue_id, message_id, priority, "
            + "ready_at, expires_at, delivery_count, lease_owner, lease_expires_at, original_destination, "
            + "failure_reason, group_id, shared) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, 0, NULL, NULL, ?, ?)";

    /**
     * A delivery handed to a waiting consumer of this node as it is sent ({@link dev.ferry.store.HandOff}): leased
     * to the node at once, delivery count 1, as a claim would leave it. The parameters of {@link #INSERT_DELIVERY},
     * then the lease owner and its expiry.
     */
    static final String INSERT_LEASED_DELIVERY = "INSERT INTO ferry_delivery (id, queue_id, message_id, priority, "
            + "ready_at, expires_at, group_id, shared, delivery_count, lease_owner, lease_expires_at, "
            + "original_destination, failure_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, NULL, NULL)";

    /** Ready: not leased, due, not expired. The paused check is the caller's (per queue, not per row). */
    static final String READY = "d.lease_owner IS NULL AND d.ready_at <= ? AND (d.expires_at = 0 OR d.expires_at > ?)";
    /**
     * "Leased by this node", written so that H2 finds the rows by their ids rather than by walking the lease
     * index (H2 has no index hints for UPDATE and prefers an equality on an indexed column).
     */
    static final String LEASED_BY = "COALESCE(lease_owner, '') = ?";
    static final String QUEUE_PAUSED = "SELECT t.paused FROM ferry_queue q JOIN ferry_destination t "
            + "ON t.id = q.destination_id WHERE q.id = ?";

    /** Sets the parameters of a statement. */
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * What {@link #removeDeliveries} did: how many deliveries it deleted, and the messages that other deliveries
     * may still share (topic fan-out), which the caller deletes only once nothing refers to them.
     */
    record Removal(int deliveries, List<Long> sharedMessages) {
    }

    static StoreSql of(SupportedDatabase database) {
        return database == SupportedDatabase.POSTGRESQL ? new PostgreSql() : new H2Sql();
    }

    abstract String nextValue(String sequence);

    /**
     * The statement {@code dml} (an UPDATE or DELETE of {@code ferry_delivery d}) as a query returning
     * {@code columns} of each changed row: new values for an UPDATE, old values for a DELETE.
     */
    abstract String returning(String dml, String columns);

    /**
     * Runs {@code delete} (a DELETE of {@code ferry_delivery d}) and deletes the message of each removed delivery
     * that was its message's only one.
     */
    Removal removeDeliveries(Connection c, String delete, Binder binder) throws SQLException {
        List<Long> alone = new ArrayList<>();
        List<Long> shared = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(returning(delete, "message_id, shared"))) {
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(2) ? shared : alone).add(rs.getLong(1));
                }
            }
        }
        if (!alone.isEmpty()) {
            try (PreparedStatement statement = c.prepareStatement("DELETE FROM ferry_message WHERE id = ANY(?)")) {
                statement.setArray(1, longArray(c, alone));
                statement.executeUpdate();
            }
        }
        return new Removal(alone.size() + shared.size(), shared);
    }

    /**
     * The statement that inserts one message and its one delivery in a single round trip (the parameters of
     * {@link #INSERT_MESSAGE} then those of {@code insertDelivery}, {@link #INSERT_DELIVERY} or
     * {@link #INSERT_LEASED_DELIVERY}), or {@code null} where the database needs two statements.
     */
    String insertMessageWithDelivery(String insertDelivery) {
        return null;
    }

    /** Whether claims on one queue must be serialised inside the JVM (no SKIP LOCKED claim in one statement). */
    abstract boolean serialisesClaimsInJvm();

    /**
     * Leases up to {@code max} ready deliveries of the queue, in delivery order, inside the caller's transaction;
     * a grouped delivery only as {@link MessageGroups#ELIGIBLE} allows for {@code consumer}.
     */
    abstract List<Delivery> claim(Connection c, long queueId, int max, String nodeId, String consumer, long now,
                                  long leaseUntil) throws SQLException;

    static Array longArray(Connection c, long[] values, int count) throws SQLException {
        Long[] boxed = new Long[count];
        for (int i = 0; i < count; i++) {
            boxed[i] = values[i];
        }
        return c.createArrayOf("BIGINT", boxed);
    }

    static Array longArray(Connection c, List<Long> values) throws SQLException {
        return c.createArrayOf("BIGINT", values.toArray(new Long[0]));
    }

    /** Reads {@link #DELIVERY_COLUMNS} then {@link #MESSAGE_COLUMNS} from the current row. */
    static Delivery readDelivery(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        long queueId = rs.getLong(2);
        long messageRowId = rs.getLong(3);
        int deliveryCount = rs.getInt(4);
        String originalDestination = rs.getString(5);
        String failureReason = rs.getString(6);
        String destinationName = rs.getString(7);
        DestinationKind destinationKind = DestinationKind.ofCode(rs.getString(8).charAt(0));
        MessageRecord message = new MessageRecord(
                rs.getString(9),
                rs.getLong(10),
                rs.getString(11),
                rs.getBytes(12),
                rs.getString(13),
                rs.getString(14),
                rs.getBoolean(15),
                rs.getInt(16),
                rs.getLong(17),
                rs.getLong(18),
                rs.getString(19),
                rs.getInt(20),
                rs.getInt(21),
                rs.getBytes(22),
                rs.getBytes(23));
        return new Delivery(id, queueId, messageRowId, deliveryCount, destinationName, destinationKind,
                originalDestination, failureReason, message);
    }

    static List<Delivery> readDeliveries(PreparedStatement statement) throws SQLException {
        List<Delivery> deliveries = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                deliveries.add(readDelivery(rs));
            }
        }
        return deliveries;
    }

    /**
     * PostgreSQL: the claim is one statement. The inner SELECT walks the partial index
     * {@code ferry_delivery_ready} in delivery order and stops after {@code max} rows, skipping rows that a
     * concurrent claimer has locked; the UPDATE leases them and the outer SELECT joins their messages, all in
     * one round trip.
     */
    static final class PostgreSql extends StoreSql {

        private static final String CLAIM = "WITH claimed AS ("
                + " UPDATE ferry_delivery c SET lease_owner = ?, lease_expires_at = ?,"
                + " delivery_count = c.delivery_count + 1"
                + " WHERE c.id IN (SELECT d.id FROM ferry_delivery d WHERE d.queue_id = ? AND " + READY
                + " AND " + MessageGroups.ELIGIBLE
                + " AND NOT EXISTS (SELECT 1 FROM ferry_queue q JOIN ferry_destination t ON t.id = q.destination_id"
                + " WHERE q.id = ? AND t.paused)"
                + " ORDER BY d.priority DESC, d.id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING c.*)"
                + " SELECT " + DELIVERY_COLUMNS + ", " + MESSAGE_COLUMNS
                + " FROM claimed d JOIN ferry_message m ON m.id = d.message_id ORDER BY d.priority DESC, d.id";

        @Override
        String nextValue(String sequence) {
            return "SELECT nextval('" + sequence + "')";
        }

        @Override
        String returning(String dml, String columns) {
            return dml + " RETURNING " + columns;
        }

        @Override
        boolean serialisesClaimsInJvm() {
            return false;
        }

        /** The foreign key of the delivery is checked at the end of the statement, when the message exists. */
        @Override
        String insertMessageWithDelivery(String insertDelivery) {
            return "WITH message AS (" + INSERT_MESSAGE + ") " + insertDelivery;
        }

        /**
         * One round trip: the deliveries and their unshared messages go in one statement. The foreign key from
         * delivery to message is checked at the end of the statement, when both are gone.
         */
        @Override
        Removal removeDeliveries(Connection c, String delete, Binder binder) throws SQLException {
            List<Long> shared = new ArrayList<>();
            int count = 0;
            try (PreparedStatement statement = c.prepareStatement("WITH gone AS (" + delete
                    + " RETURNING d.message_id, d.shared), alone AS (DELETE FROM ferry_message"
                    + " WHERE id IN (SELECT message_id FROM gone WHERE NOT shared))"
                    + " SELECT message_id, shared FROM gone")) {
                binder.bind(statement);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        if (rs.getBoolean(2)) {
                            shared.add(rs.getLong(1));
                        }
                    }
                }
            }
            return new Removal(count, shared);
        }

        @Override
        List<Delivery> claim(Connection c, long queueId, int max, String nodeId, String consumer, long now,
                             long leaseUntil) throws SQLException {
            try (PreparedStatement statement = c.prepareStatement(CLAIM)) {
                statement.setString(1, nodeId);
                statement.setLong(2, leaseUntil);
                statement.setLong(3, queueId);
                statement.setLong(4, now);
                statement.setLong(5, now);
                statement.setString(6, consumer);
                statement.setLong(7, now);
                statement.setLong(8, queueId);
                statement.setInt(9, max);
                return readDeliveries(statement);
            }
        }
    }

    /**
     * H2: an embedded file database is used by one JVM, so claims on a queue are serialised by a lock in the
     * JVM (held by the caller until commit) and a claim is select-then-update.
     */
    static final class H2Sql extends StoreSql {

        /*
         * The ORDER BY repeats the equality columns so that it is exactly the index ferry_delivery_ready (queue_id,
         * lease_owner, priority DESC, id): H2 then reads the index in order and stops after max rows ("index
         * sorted") instead of sorting every ready delivery of the queue.
         */
        private static final String SELECT_READY = "SELECT d.id FROM ferry_delivery d WHERE d.queue_id = ? AND "
                + READY + " AND " + MessageGroups.ELIGIBLE
                + " ORDER BY d.queue_id, d.lease_owner, d.priority DESC, d.id FETCH FIRST ? ROWS ONLY";
        private static final String LEASE = "UPDATE ferry_delivery SET lease_owner = ?, lease_expires_at = ?, "
                + "delivery_count = delivery_count + 1 WHERE id = ANY(?) AND COALESCE(lease_owner, '') = ''";
        private static final String FETCH = "SELECT " + DELIVERY_COLUMNS + ", " + MESSAGE_COLUMNS
                + " FROM ferry_delivery d JOIN ferry_message m ON m.id = d.message_id"
                + " WHERE d.id = ANY(?) AND d.lease_owner = ? ORDER BY d.priority DESC, d.id";

        @Override
        String nextValue(String sequence) {
            return "SELECT NEXT VALUE FOR " + sequence;
        }

        @Override
        String returning(String dml, String columns) {
            String delta = dml.regionMatches(true, 0, "DELETE", 0, 6) ? "OLD" : "FINAL";
            return "SELECT " + columns + " FROM " + delta + " TABLE (" + dml + ")";
        }

        @Override
        boolean serialisesClaimsInJvm() {
            return true;
        }

        @Override
        List<Delivery> claim(Connection c, long queueId, int max, String nodeId, String consumer, long now,
                             long leaseUntil) throws SQLException {
            try (PreparedStatement paused = c.prepareStatement(QUEUE_PAUSED)) {
                paused.setLong(1, queueId);
                try (ResultSet rs = paused.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(1)) {
                        return List.of();
                    }
                }
            }
            long[] ids = new long[max];
            int found = 0;
            try (PreparedStatement select = c.prepareStatement(SELECT_READY)) {
                select.setLong(1, queueId);
                select.setLong(2, now);
                select.setLong(3, now);
                select.setString(4, consumer);
                select.setLong(5, now);
                select.setInt(6, max);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids[found++] = rs.getLong(1);
                    }
                }
            }
            if (found == 0) {
                return List.of();
            }
            Array idArray = longArray(c, ids, found);
            try (PreparedStatement lease = c.prepareStatement(LEASE)) {
                lease.setString(1, nodeId);
                lease.setLong(2, leaseUntil);
                lease.setArray(3, idArray);
                lease.executeUpdate();
            }
            try (PreparedStatement fetch = c.prepareStatement(FETCH)) {
                fetch.setArray(1, idArray);
                fetch.setString(2, nodeId);
                return readDeliveries(fetch);
            }
        }
    }
}
