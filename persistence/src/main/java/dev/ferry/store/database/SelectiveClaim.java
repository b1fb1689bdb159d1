package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.DeliveryFilter;
import dev.ferry.store.schema.SupportedDatabase;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQL of claims through a {@link DeliveryFilter} (message selectors). Such a claim cannot let the database
 * pick "the next N ready rows": it reads the queue's unleased deliveries page by page in ready order (the
 * {@code ready_seq} column, renewed whenever a delivery becomes ready again), lets the filter look at each, and
 * leases only the accepted ones with a conditional update, so a concurrent claimer that took a row first simply
 * wins it. Non-matching rows are never leased, so they stay available to every other consumer at once.
 */
final class SelectiveClaim {

    /** Rows read per round trip while scanning. */
    static final int PAGE_SIZE = 256;

    private static final String PAGE = "SELECT " + StoreSql.DELIVERY_COLUMNS + ", " + StoreSql.MESSAGE_COLUMNS
            + ", d.ready_seq, d.ready_at, d.expires_at"
            + " FROM ferry_delivery d %s JOIN ferry_message m ON m.id = d.message_id"
            + " WHERE d.queue_id = ? AND d.ready_seq > ? AND d.lease_owner IS NULL"
            + " ORDER BY d.queue_id, d.ready_seq LIMIT ?";
    /*
     * H2 otherwise prefers the ready index (queue_id, lease_owner, ...) and sorts every unleased row of the queue
     * for each page; walking ferry_delivery_ready_seq in order stops after the page.
     */
    private static final String H2_PAGE = String.format(PAGE, "USE INDEX (ferry_delivery_ready_seq)");
    private static final String POSTGRESQL_PAGE = String.format(PAGE, "");
    private static final String LEASE = "UPDATE ferry_delivery d SET lease_owner = ?, lease_expires_at = ?, "
            + "delivery_count = d.delivery_count + 1 WHERE d.id = ANY(?) AND COALESCE(d.lease_owner, '') = '' "
            + "AND d.ready_at <= ? AND (d.expires_at = 0 OR d.expires_at > ?) AND " + MessageGroups.ELIGIBLE;

    /** One unleased delivery seen by a scan; its count already includes the delivery it would become. */
    record Row(Delivery delivery, long readySeq, long readyAt, long expiresAt) {

        boolean expiredAt(long now) {
            return expiresAt != 0 && expiresAt <= now;
        }
    }

    private SelectiveClaim() {
    }

    /** SET-clause fragment that gives a delivery becoming ready again a new place in ready order. */
    static String renewReadySeq(SupportedDatabase database) {
        return database == SupportedDatabase.POSTGRESQL
                ? "ready_seq = nextval('ferry_ready_seq'), "
                : "ready_seq = NEXT VALUE FOR ferry_ready_seq, ";
    }

    /** Whether the queue is paused or gone; a selective claim then takes nothing. */
    static boolean pausedOrGone(Connection c, long queueId) throws SQLException {
        try (PreparedStatement paused = c.prepareStatement(StoreSql.QUEUE_PAUSED)) {
            paused.setLong(1, queueId);
            try (ResultSet rs = paused.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        }
    }

    /** Up to {@link #PAGE_SIZE} unleased deliveries of the queue after {@code afterReadySeq}, in ready order. */
    static List<Row> page(StoreSql sql, Connection c, long queueId, long afterReadySeq) throws SQLException {
        List<Row> rows = new ArrayList<>();
        String page = sql instanceof StoreSql.H2Sql ? H2_PAGE : POSTGRESQL_PAGE;
        try (PreparedStatement statement = c.prepareStatement(page)) {
            statement.setLong(1, queueId);
            statement.setLong(2, afterReadySeq);
            statement.setInt(3, PAGE_SIZE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Delivery stored = StoreSql.readDelivery(rs);
                    Delivery candidate = new Delivery(stored.deliveryId(), stored.queueId(), stored.messageRowId(),
                            stored.deliveryCount() + 1, stored.destinationName(), stored.destinationKind(),
                            stored.originalDestination(), stored.failureReason(), stored.message());
                    rows.add(new Row(candidate, rs.getLong(24), rs.getLong(25), rs.getLong(26)));
                }
            }
        }
        return rows;
    }

    /**
     * Leases those of {@code wanted} still unleased, due, unexpired and, if grouped, open to {@code consumer} (the
     * first waiting delivery of a group that no one else owns); records the groups it took; returns the ids leased.
     */
    static Set<Long> lease(StoreSql sql, SupportedDatabase database, Connection c, List<Row> wanted, String nodeId,
                           String consumer, long now, long leaseUntil) throws SQLException {
        List<Long> ids = new ArrayList<>(wanted.size());
        for (Row row : wanted) {
            ids.add(row.delivery().deliveryId());
        }
        Array idArray = StoreSql.longArray(c, ids);
        Set<Long> leased = new HashSet<>();
        try (PreparedStatement statement = c.prepareStatement(sql.returning(LEASE, "id"))) {
            statement.setString(1, nodeId);
            statement.setLong(2, leaseUntil);
            statement.setArray(3, idArray);
            statement.setLong(4, now);
            statement.setLong(5, now);
            statement.setString(6, consumer);
            statement.setLong(7, now);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    leased.add(rs.getLong(1));
                }
            }
        }
        List<Delivery> grouped = new ArrayList<>();
        for (Row row : wanted) {
            if (row.delivery().message().groupId() != null && leased.contains(row.delivery().deliveryId())) {
                grouped.add(row.delivery());
            }
        }
        MessageGroups.own(database, c, grouped, consumer, nodeId, leaseUntil);
        return leased;
    }
}
