package dev.ferry.store.database;

import dev.ferry.store.FanOutFilter;
import dev.ferry.store.Send;
import dev.ferry.store.StoreException;
import dev.ferry.store.Subscription;
import dev.ferry.store.SubscriptionRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JDBC of topic subscriptions: rows of {@code ferry_queue} of kind 'S' (see {@code V2__subscriptions.sql}),
 * and the fan-out decision of which subscriptions of a topic get a published message.
 */
final class SubscriptionRows {

    private static final String COLUMNS = "q.id, q.destination_id, t.name, q.subscription_name, q.client_id, "
            + "q.selector, q.no_local, q.durable, q.shared, q.owner";
    private static final String FROM = " FROM ferry_queue q JOIN ferry_destination t ON t.id = q.destination_id"
            + " WHERE q.kind = 'S'";

    /** A subscription as fan-out needs it. */
    record Target(long queueId, String selector, boolean noLocal, String clientId, String owner) {

        /** Whether this subscription gets a delivery of the send (noLocal, JMS 3.1 §8.3.1; then its selector). */
        boolean accepts(Send send, FanOutFilter filter) {
            if (noLocal && send.publisher() != null) {
                if (send.publisher().equals(owner)) {
                    return false;
                }
                // a durable subscription's "own connection" is any connection with its client identifier
                if (clientId != null && clientId.equals(send.publisherClientId())) {
                    return false;
                }
            }
            return selector == null || filter.accepts(selector, send.message());
        }
    }

    private SubscriptionRows() {
    }

    static Subscription insert(Connection c, long queueId, SubscriptionRequest request, String ownerNode)
            throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("INSERT INTO ferry_queue (id, destination_id, kind, "
                + "client_id, subscription_name, selector, no_local, durable, shared, created_at, subscription_key, "
                + "owner, owner_node) VALUES (?, ?, 'S', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setLong(1, queueId);
            statement.setLong(2, request.topicId());
            statement.setString(3, request.clientId());
            statement.setString(4, request.name());
            statement.setString(5, request.selector());
            statement.setBoolean(6, request.noLocal());
            statement.setBoolean(7, request.durable());
            statement.setBoolean(8, request.shared());
            statement.setLong(9, System.currentTimeMillis());
            statement.setString(10, request.key());
            statement.setString(11, request.durable() ? null : request.owner());
            statement.setString(12, request.durable() ? null : ownerNode);
            statement.executeUpdate();
        }
        return byQueue(c, queueId).orElseThrow(() -> new StoreException("subscription " + queueId
                + " was not found right after its creation (its topic " + request.topicId() + " was deleted?)"));
    }

    static Optional<Subscription> byKey(Connection c, String key) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + FROM
                + " AND q.subscription_key = ?")) {
            statement.setString(1, key);
            return first(statement);
        }
    }

    static Optional<Subscription> byQueue(Connection c, long queueId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + FROM + " AND q.id = ?")) {
            statement.setLong(1, queueId);
            return first(statement);
        }
    }

    static List<Subscription> ofTopic(Connection c, long topicId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + FROM
                + " AND q.destination_id = ? ORDER BY q.id")) {
            statement.setLong(1, topicId);
            return all(statement);
        }
    }

    /**
     * Queue ids of the non-durable subscriptions to delete because their nodes are gone. An unshared one belongs
     * to the node that created it. A shared one lives while any node has a consumer on it (ferry_consumer), so it
     * goes when none has, once it is older than {@code createdBefore} (a new one gets its first consumer right
     * after its creation) or its creator is gone. With {@code node} given (that node is closing and has
     * forgotten its consumers): the ones it created that no other node consumes.
     */
    static List<Long> orphaned(Connection c, String node, long createdBefore) throws SQLException {
        String unconsumed = "NOT EXISTS (SELECT 1 FROM ferry_consumer k WHERE k.queue_id = q.id)";
        String creatorGone = "NOT EXISTS (SELECT 1 FROM ferry_node n WHERE n.id = q.owner_node)";
        String where = node == null
                ? " AND q.owner_node IS NOT NULL AND ((NOT q.shared AND " + creatorGone + ") OR (q.shared AND "
                        + unconsumed + " AND (q.created_at < ? OR " + creatorGone + ")))"
                : " AND q.owner_node = ? AND (NOT q.shared OR " + unconsumed + ")";
        try (PreparedStatement statement = c.prepareStatement("SELECT q.id FROM ferry_queue q WHERE q.kind = 'S'"
                + where)) {
            if (node != null) {
                statement.setString(1, node);
            } else {
                statement.setLong(1, createdBefore);
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /** The fan-out targets of the topics sent to, oldest subscription first. */
    static Map<Long, List<Target>> targets(Connection c, Set<Long> topics) throws SQLException {
        Map<Long, List<Target>> found = new HashMap<>();
        try (PreparedStatement statement = c.prepareStatement("SELECT destination_id, id, selector, no_local, "
                + "client_id, owner FROM ferry_queue WHERE destination_id = ANY(?) ORDER BY id")) {
            statement.setArray(1, StoreSql.longArray(c, new ArrayList<>(topics)));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Target(rs.getLong(2),
                            rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return found;
    }

    /** The topic of a subscription, or null if there is no such subscription. */
    static Long topicOf(Connection c, long queueId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT destination_id FROM ferry_queue WHERE id = ? AND kind = 'S'")) {
            statement.setLong(1, queueId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** The queues of a topic send that accept it, but for those that got it in memory already. */
    static long[] acceptingQueues(List<Target> targets, Send send, FanOutFilter filter) {
        if (targets == null || targets.isEmpty()) {
            return new long[0];
        }
        long[] queues = new long[targets.size()];
        int n = 0;
        for (Target target : targets) {
            if (target.accepts(send, filter) && !send.deliveredInMemory().contains(target.queueId())) {
                queues[n++] = target.queueId();
            }
        }
        return n == queues.length ? queues : java.util.Arrays.copyOf(queues, n);
    }

    private static Optional<Subscription> first(PreparedStatement statement) throws SQLException {
        List<Subscription> all = all(statement);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<Subscription> all(PreparedStatement statement) throws SQLException {
        List<Subscription> subscriptions = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                subscriptions.add(new Subscription(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9),
                        rs.getString(10)));
            }
        }
        return subscriptions;
    }

}
