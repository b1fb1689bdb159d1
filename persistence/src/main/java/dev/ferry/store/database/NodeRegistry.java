package dev.ferry.store.database;

import dev.ferry.store.ConsumerAttachment;
import dev.ferry.store.Node;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JDBC of what nodes share about themselves: their rows in {@code ferry_node} and the consumers each has on
 * topic subscriptions ({@code ferry_consumer}, see {@code V6__cluster.sql}). Consumer counts live in the
 * database so that the subscription rules of JMS 3.1 §6.11 hold across nodes; a node's counts are forgotten
 * with the node, so the claim of a dead node on a subscription lapses when the reaper finds it dead.
 */
final class NodeRegistry {

    private NodeRegistry() {
    }

    static List<Node> nodes(Connection c) throws SQLException {
        List<Node> nodes = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT id, host, pid, started_at, heartbeat_at FROM ferry_node ORDER BY started_at, id");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                nodes.add(new Node(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return nodes;
    }

    /**
     * Locks the subscription's row until the transaction ends, so that attaching and detaching consumers of one
     * subscription (and deleting it with its last one) are serialised across nodes. Returns false when it is gone.
     */
    static boolean lockSubscription(Connection c, long queueId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT id FROM ferry_queue WHERE id = ? AND kind = 'S' FOR UPDATE")) {
            statement.setLong(1, queueId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Counts one more consumer of {@code node}; call with the subscription locked. */
    static ConsumerAttachment attach(Connection c, long queueId, String node, boolean exclusive)
            throws SQLException {
        if (!lockSubscription(c, queueId)) {
            return ConsumerAttachment.GONE;
        }
        if (exclusive && consumers(c, queueId) > 0) {
            return ConsumerAttachment.BUSY;
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE ferry_consumer SET consumers = consumers + 1 "
                + "WHERE queue_id = ? AND node_id = ?")) {
            update.setLong(1, queueId);
            update.setString(2, node);
            if (update.executeUpdate() > 0) {
                return ConsumerAttachment.ATTACHED;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO ferry_consumer (queue_id, node_id, consumers) VALUES (?, ?, 1)")) {
            insert.setLong(1, queueId);
            insert.setString(2, node);
            insert.executeUpdate();
        }
        return ConsumerAttachment.ATTACHED;
    }

    /** Counts one consumer of {@code node} less; returns the consumers left on every node. Subscription locked. */
    static int detach(Connection c, long queueId, String node) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE ferry_consumer SET consumers = consumers - 1 "
                + "WHERE queue_id = ? AND node_id = ? AND consumers > 1")) {
            update.setLong(1, queueId);
            update.setString(2, node);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM ferry_consumer WHERE queue_id = ? AND node_id = ?")) {
                    delete.setLong(1, queueId);
                    delete.setString(2, node);
                    delete.executeUpdate();
                }
            }
        }
        return consumers(c, queueId);
    }

    static int consumers(Connection c, long queueId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT COALESCE(SUM(consumers), 0) FROM ferry_consumer WHERE queue_id = ?")) {
            statement.setLong(1, queueId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * Counts again the consumers of a node that was taken for dead (a pause longer than the lease) and came back:
     * those of its subscriptions that still exist. Another node may have taken an unshared durable subscription
     * meanwhile; it then has two consumers, visible to every rule that counts them, until one closes.
     */
    static void reattach(Connection c, String node, Map<Long, Integer> consumers) throws SQLException {
        if (consumers.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ferry_consumer (queue_id, node_id, consumers) "
                + "SELECT q.id, ?, ? FROM ferry_queue q WHERE q.id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM ferry_consumer k WHERE k.queue_id = q.id AND k.node_id = ?)")) {
            for (Map.Entry<Long, Integer> entry : consumers.entrySet()) {
                insert.setString(1, node);
                insert.setInt(2, entry.getValue());
                insert.setLong(3, entry.getKey());
                insert.setString(4, node);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Forgets the consumers of one node (closing) or, with {@code null}, of every node no longer registered. */
    static void forgetConsumers(Connection c, String node) throws SQLException {
        String sql = node != null ? "DELETE FROM ferry_consumer WHERE node_id = ?"
                : "DELETE FROM ferry_consumer WHERE NOT EXISTS "
                        + "(SELECT 1 FROM ferry_node n WHERE n.id = ferry_consumer.node_id)";
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            if (node != null) {
                statement.setString(1, node);
            }
            statement.executeUpdate();
        }
    }
}
