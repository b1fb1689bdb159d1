package dev.ferry.store.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Hands out ids from blocks reserved with one sequence call each: the sequence advances by {@code blockSize},
 * so a value {@code v} reserves {@code v .. v+blockSize-1} for this JVM alone and the hot path does not go to
 * the database for every id. Ids are unique across JVMs sharing the database; gaps are harmless.
 */
final class IdBlocks {

    private final String nextValueSql;
    private final int blockSize;
    private long next;
    private long limit;

    IdBlocks(String nextValueSql, int blockSize) {
        this.nextValueSql = nextValueSql;
        this.blockSize = blockSize;
    }

    /** Fills {@code ids} with fresh ids, reserving new blocks through {@code connection} when needed. */
    synchronized void allocate(Connection connection, long[] ids) throws SQLException {
        for (int i = 0; i < ids.length; i++) {
            if (next >= limit) {
                next = reserveBlock(connection);
                limit = next + blockSize;
            }
            ids[i] = next++;
        }
    }

    long nextId(Connection connection) throws SQLException {
        long[] one = new long[1];
        allocate(connection, one);
        return one[0];
    }

    private long reserveBlock(Connection connection) throws SQLException {
        // Sequences are not transactional: the block stays reserved even if the caller's transaction rolls back.
        try (PreparedStatement statement = connection.prepareStatement(nextValueSql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
