package dev.ferry.store.testing;

import dev.ferry.store.config.FerryConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/** Direct access to store rows, for arranging what the store API cannot yet express and for inspecting results. */
public final class StoreRows {

    private static final AtomicLong SUBSCRIPTION_QUEUE_IDS = new AtomicLong(1_000_000_000L);

    private StoreRows() {
    }

    /** Binds a new durable-subscription delivery queue to a topic destination; returns its queue id. */
    public static long addSubscriptionQueue(FerryConfig config, long topicDestinationId, String subscriptionName)
            throws SQLException {
        long id = SUBSCRIPTION_QUEUE_IDS.incrementAndGet();
        try (Connection c = TestDatabase.connect(config);
             PreparedStatement insert = c.prepareStatement("INSERT INTO ferry_queue (id, destination_id, kind, "
                     + "client_id, subscription_name, durable, shared, no_local, created_at) "
                     + "VALUES (?, ?, 'S', 'client', ?, TRUE, FALSE, FALSE, 0)")) {
            insert.setLong(1, id);
            insert.setLong(2, topicDestinationId);
            insert.setString(3, subscriptionName);
            insert.executeUpdate();
        }
        return id;
    }

    /** Rows of a store table, e.g. {@code count(config, "ferry_message")}. */
    public static long count(FerryConfig config, String table) throws SQLException {
        try (Connection c = TestDatabase.connect(config);
             PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs one update statement with the given parameters; returns the update count. */
    public static int update(FerryConfig config, String sql, Object... parameters) throws SQLException {
        try (Connection c = TestDatabase.connect(config);
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
