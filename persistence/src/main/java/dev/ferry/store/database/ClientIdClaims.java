package dev.ferry.store.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JDBC of client identifiers in use ({@code ferry_client_id}, see {@code V9__client_ids.sql}). JMS 3.1
 * §6.1.2 lets only one running connection use a client identifier at a time; with several nodes on one database
 * that rule holds only if the claim lives in the database. The primary key decides between two nodes claiming
 * the same identifier at once.
 */
final class ClientIdClaims {

    private ClientIdClaims() {
    }

    /**
     * Claims {@code clientId} for a connection of {@code node}; returns false when a connection of a registered
     * node holds it. A claim of a node no longer registered (reaped, or gone before a restart) is taken over.
     */
    static boolean claim(Connection c, String clientId, String node, String connection, long now)
            throws SQLException {
        try (PreparedStatement stale = c.prepareStatement("DELETE FROM ferry_client_id WHERE client_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM ferry_node n WHERE n.id = ferry_client_id.node_id)")) {
            stale.setString(1, clientId);
            stale.executeUpdate();
        }
        return insertIfFree(c, clientId, node, connection, now);
    }

    /** The node holding {@code clientId}, or null: to tell a lost race from a failure. */
    static String holder(Connection c, String clientId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT node_id FROM ferry_client_id WHERE client_id = ?")) {
            select.setString(1, clientId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Releases the claim of one connection; a claim another node has taken since is left alone. */
    static void release(Connection c, String clientId, String node, String connection) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM ferry_client_id WHERE client_id = ? AND node_id = ? AND connection_id = ?")) {
            delete.setString(1, clientId);
            delete.setString(2, node);
            delete.setString(3, connection);
            delete.executeUpdate();
        }
    }

    /** Releases the claims of one node (closing) or, with {@code null}, of every node no longer registered. */
    static void forget(Connection c, String node) throws SQLException {
        String sql = node != null ? "DELETE FROM ferry_client_id WHERE node_id = ?"
                : "DELETE FROM ferry_client_id WHERE NOT EXISTS "
                        + "(SELECT 1 FROM ferry_node n WHERE n.id = ferry_client_id.node_id)";
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            if (node != null) {
                statement.setString(1, node);
            }
            statement.executeUpdate();
        }
    }

    /**
     * Claims again the identifiers of a node that was taken for dead and came back (its claims were released
     * when it was reaped). Returns those another node took meanwhile: they are not this node's any more.
     */
    static List<String> reclaim(Connection c, String node, Map<String, String> connectionsByClientId, long now)
            throws SQLException {
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, String> held : connectionsByClientId.entrySet()) {
            if (!insertIfFree(c, held.getKey(), node, held.getValue(), now)) {
                lost.add(held.getKey());
            }
        }
        return lost;
    }

    private static boolean insertIfFree(Connection c, String clientId, String node, String connection, long now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ferry_client_id "
                + "(client_id, node_id, connection_id, since) SELECT ?, ?, ?, ? FROM ferry_node WHERE id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM ferry_client_id k WHERE k.client_id = ?)")) {
            insert.setString(1, clientId);
            insert.setString(2, node);
            insert.setString(3, connection);
            insert.setLong(4, now);
            insert.setString(5, node);
            insert.setString(6, clientId);
            return insert.executeUpdate() == 1;
        }
    }
}
