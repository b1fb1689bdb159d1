package dev.ferry.store.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The per-queue count of messages that expired there (moved to an expiry queue or dropped), kept in
 * {@code ferry_queue.expired_count}.
 */
final class ExpiryCounts {

    private ExpiryCounts() {
    }

    /** Adds the counts, inside the caller's transaction (the one that expired the deliveries). */
    static void add(Connection c, Map<Long, Long> expiredPerQueue) throws SQLException {
        if (expiredPerQueue.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = c.prepareStatement(
                "UPDATE ferry_queue SET expired_count = expired_count + ? WHERE id = ?")) {
            for (Map.Entry<Long, Long> count : expiredPerQueue.entrySet()) {
                if (count.getValue() > 0) {
                    statement.setLong(1, count.getValue());
                    statement.setLong(2, count.getKey());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    static long of(Connection c, long queueId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT expired_count FROM ferry_queue WHERE id = ?")) {
            statement.setLong(1, queueId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
