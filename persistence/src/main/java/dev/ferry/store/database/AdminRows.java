package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.admin.DeliveryState;
import dev.ferry.store.admin.MessageFilter;
import dev.ferry.store.admin.MessageSummary;
import dev.ferry.store.admin.PageCursor;
import dev.ferry.store.admin.SortColumn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of browsing and of selections: rows of {@code ferry_delivery} with their message, filtered by header
 * columns in SQL and by the caller's predicate and body text in Java, read in keyset order a bounded batch at a
 * time.
 */
final class AdminRows {

    /** The delivery and message columns of {@link StoreSql#readDelivery}, then the delivery's own state. */
    static final String COLUMNS = StoreSql.DELIVERY_COLUMNS + ", " + StoreSql.MESSAGE_COLUMNS
            + ", d.ready_at, d.expires_at, d.lease_owner, d.lease_expires_at, d.replay_count, d.replayed_at,"
            + " d.replayed_by, d.priority, d.shared";
    static final String FROM = " FROM ferry_delivery d JOIN ferry_message m ON m.id = d.message_id";

    /** A delivery row as an operator sees it. */
    record Row(Delivery delivery, long readyAt, long expiresAt, String leaseOwner, long leaseExpiresAt,
               int replayCount, long replayedAt, String replayedBy, int priority, boolean shared) {

        long id() {
            return delivery.deliveryId();
        }

        boolean leased() {
            return leaseOwner != null;
        }

        DeliveryState state(long now) {
            if (leaseOwner != null) {
                return DeliveryState.IN_FLIGHT;
            }
            if (expiresAt != 0 && expiresAt <= now) {
                return DeliveryState.EXPIRED;
            }
            return readyAt > now ? DeliveryState.SCHEDULED : DeliveryState.READY;
        }

        MessageSummary summary(long now) {
            var m = delivery.message();
            return new MessageSummary(delivery.deliveryId(), delivery.queueId(), m.messageId(), m.correlationId(),
                    m.type(), m.timestamp(), m.priority(), m.persistent(), m.expiration(), readyAt,
                    delivery.deliveryCount(), state(now), m.bodyType(), m.body() == null ? 0 : m.body().length,
                    delivery.originalDestination(), delivery.failureReason(), replayCount);
        }

        PageCursor cursor(SortColumn sort) {
            return new PageCursor(sort == SortColumn.PRIORITY ? priority : id(), id());
        }
    }

    private AdminRows() {
    }

    static Row read(ResultSet rs) throws SQLException {
        Delivery delivery = StoreSql.readDelivery(rs);
        return new Row(delivery, rs.getLong(24), rs.getLong(25), rs.getString(26), rs.getLong(27), rs.getInt(28),
                rs.getLong(29), rs.getString(30), rs.getInt(31), rs.getBoolean(32));
    }

    static List<Row> readAll(PreparedStatement statement) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(read(rs));
            }
        }
        return rows;
    }

    /** SQL conditions of the filter's header criteria (prefix {@code m.} and {@code d.}), adding parameters. */
    static String sqlCriteria(MessageFilter filter, List<Object> parameters, String message, String delivery) {
        StringBuilder sql = new StringBuilder();
        if (filter.sentFrom() != null) {
            sql.append(" AND ").append(message).append(".sent_at >= ?");
            parameters.add(filter.sentFrom());
        }
        if (filter.sentTo() != null) {
            sql.append(" AND ").append(message).append(".sent_at < ?");
            parameters.add(filter.sentTo());
        }
        if (filter.jmsMessageId() != null) {
            sql.append(" AND ").append(message).append(".message_id = ?");
            parameters.add(filter.jmsMessageId());
        }
        if (filter.correlationId() != null) {
            sql.append(" AND ").append(message).append(".correlation_id = ?");
            parameters.add(filter.correlationId());
        }
        if (filter.deadLettersOnly() && delivery != null) {
            sql.append(" AND ").append(delivery).append(".original_destination IS NOT NULL");
        }
        return sql.toString();
    }

    /** Whether a message row is needed for the filter's SQL criteria. */
    static boolean needsMessage(MessageFilter filter) {
        return filter.sentFrom() != null || filter.sentTo() != null || filter.jmsMessageId() != null
                || filter.correlationId() != null;
    }

    /** The filter's Java criteria: body text, then the caller's predicate. */
    static boolean acceptsInJava(MessageFilter filter, Delivery delivery) {
        if (filter.bodyContains() != null) {
            byte[] body = delivery.message().body();
            if (body == null || indexOf(body, filter.bodyContains().getBytes(StandardCharsets.UTF_8)) < 0) {
                return false;
            }
        }
        return filter.predicate() == null || filter.predicate().accepts(delivery);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        if (needle.length == 0) {
            return 0;
        }
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void bind(PreparedStatement statement, int from, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Long) {
                statement.setLong(from + i, (Long) value);
            } else if (value instanceof Integer) {
                statement.setInt(from + i, (Integer) value);
            } else {
                statement.setString(from + i, (String) value);
            }
        }
    }

    /**
     * Reads a queue's deliveries in one order from a position, a batch at a time, applying the filter's SQL
     * criteria (not its Java ones). Each batch is one indexed range read: {@code (queue_id, id)} for arrival
     * order; for priority order, one range of {@code (queue_id, priority, id)} per priority level. Not
     * thread-safe; each batch runs in the caller's connection.
     */
    static final class Scan {

        private final long queueId;
        private final SortColumn sort;
        /** Against the column's natural order (arrival: ascending id; priority: highest first, then arrival). */
        private final boolean reversed;
        private final String criteria;
        private final List<Object> parameters = new ArrayList<>();
        private final boolean onlyUnleased;
        private final boolean needsMessageJoin;
        /** The table with, on H2, the index to walk (see {@link #prepare}). */
        private final String table;
        private int priority;
        private Long lastId;
        private boolean exhausted;

        Scan(long queueId, SortColumn sort, boolean reversed, MessageFilter filter, PageCursor from,
             boolean onlyUnleased, boolean h2) {
            this.queueId = queueId;
            this.sort = sort;
            this.reversed = reversed;
            this.onlyUnleased = onlyUnleased;
            this.criteria = sqlCriteria(filter, parameters, "m", "d");
            this.needsMessageJoin = needsMessage(filter);
            // H2 picks among the indexes that start with queue_id by selectivity alone; on a large queue with
            // fresh statistics it took another one and sorted the whole queue for every page (9 s for 50 rows
            // of 1,000,000). The browse index is named, except for a JMSMessageID look-up, where the message's
            // own index is better.
            this.table = h2 && filter.jmsMessageId() == null
                    ? "ferry_delivery d USE INDEX (" + (sort == SortColumn.PRIORITY
                    ? "ferry_delivery_browse_priority" : "ferry_delivery_browse") + ")"
                    : "ferry_delivery d";
            if (from != null) {
                priority = sort == SortColumn.PRIORITY ? (int) from.key() : 0;
                lastId = from.deliveryId();
            } else {
                priority = reversed ? 0 : 9;
            }
        }

        boolean exhausted() {
            return exhausted;
        }

        List<Row> next(Connection c, int max) throws SQLException {
            List<Row> rows = new ArrayList<>();
            while (!exhausted && rows.size() < max) {
                int want = max - rows.size();
                List<Row> batch = range(c, want);
                rows.addAll(batch);
                if (!batch.isEmpty()) {
                    lastId = batch.get(batch.size() - 1).id();
                }
                if (batch.size() < want) {
                    if (sort == SortColumn.PRIORITY && (reversed ? priority < 9 : priority > 0)) {
                        priority += reversed ? 1 : -1;
                        lastId = null;
                    } else {
                        exhausted = true;
                    }
                }
            }
            return rows;
        }

        /**
         * The next batch as ids only (no message bodies read): unleased ids go to {@code unleased}; returns how
         * many leased rows were passed. For selections whose filter needs no Java criteria.
         */
        int nextIds(Connection c, int max, List<Long> unleased) throws SQLException {
            int leased = 0;
            int read = 0;
            while (!exhausted && read < max) {
                int want = max - read;
                int got = 0;
                long last = 0;
                try (PreparedStatement statement = prepare(c, want, "d.id, d.lease_owner", needsMessageJoin);
                     ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        got++;
                        last = rs.getLong(1);
                        if (rs.getString(2) == null) {
                            unleased.add(last);
                        } else {
                            leased++;
                        }
                    }
                }
                read += got;
                if (got > 0) {
                    lastId = last;
                }
                if (got < want) {
                    if (sort == SortColumn.PRIORITY && (reversed ? priority < 9 : priority > 0)) {
                        priority += reversed ? 1 : -1;
                        lastId = null;
                    } else {
                        exhausted = true;
                    }
                }
            }
            return leased;
        }

        private List<Row> range(Connection c, int max) throws SQLException {
            try (PreparedStatement statement = prepare(c, max, COLUMNS, true)) {
                return readAll(statement);
            }
        }

        private PreparedStatement prepare(Connection c, int max, String columns, boolean withMessages)
                throws SQLException {
            String direction = reversed ? " DESC" : "";
            // the ORDER BY repeats the equality columns so that H2 reads the index in order and stops early
            String order = " ORDER BY d.queue_id" + direction
                    + (sort == SortColumn.PRIORITY ? ", d.priority" + direction : "") + ", d.id" + direction;
            StringBuilder where = new StringBuilder(" WHERE d.queue_id = ?");
            if (sort == SortColumn.PRIORITY) {
                where.append(" AND d.priority = ?");
            }
            if (lastId != null) {
                where.append(reversed ? " AND d.id < ?" : " AND d.id > ?");
            }
            if (onlyUnleased) {
                where.append(" AND d.lease_owner IS NULL");
            }
            StringBuilder sql = new StringBuilder("SELECT ").append(columns);
            String join = " JOIN ferry_message m ON m.id = d.message_id";
            if (needsMessageJoin || !withMessages) {
                sql.append(" FROM ").append(table).append(needsMessageJoin ? join : "").append(where).append(criteria)
                        .append(order).append(" FETCH FIRST ? ROWS ONLY");
            } else {
                // The deliveries of the page first, then their messages: joined before the limit, PostgreSQL
                // without fresh statistics (a queue just filled) joins and sorts the whole queue for one page.
                sql.append(" FROM (SELECT * FROM ").append(table).append(where).append(criteria).append(order)
                        .append(" FETCH FIRST ? ROWS ONLY) d JOIN ferry_message m ON m.id = d.message_id")
                        .append(order);
            }
            PreparedStatement statement = c.prepareStatement(sql.toString());
            try {
                int i = 1;
                statement.setLong(i++, queueId);
                if (sort == SortColumn.PRIORITY) {
                    statement.setInt(i++, priority);
                }
                if (lastId != null) {
                    statement.setLong(i++, lastId);
                }
                bind(statement, i, parameters);
                i += parameters.size();
                statement.setInt(i, max);
                return statement;
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
        }
    }
}
