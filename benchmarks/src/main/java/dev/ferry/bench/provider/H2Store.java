package dev.ferry.bench.provider;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** An H2 file database in a data directory, as both Ferry and ActiveMQ's JDBC store use it. */
final class H2Store {

    static final String USER = "sa";
    static final String PASSWORD = "";

    private H2Store() {
    }

    static String url(Path dataDir, String name) {
        return "jdbc:h2:file:" + dataDir.resolve(name).toAbsolutePath();
    }

    /**
     * Reads the open database's WRITE_DELAY. H2's MVStore does not flush a commit itself: a background
     * writer hands committed changes to the OS within WRITE_DELAY milliseconds, and nothing fsyncs per
     * commit. A connection opened in the same JVM shares the already open database.
     */
    static Durability durability(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
             ResultSet row = query.executeQuery()) {
            String writeDelay = row.next() ? row.getString(1) : "unknown";
            if ("0".equals(writeDelay)) {
                return Durability.os("H2 " + org.h2.engine.Constants.FULL_VERSION
                        + ": WRITE_DELAY=0, each commit is written to the OS; H2 does not fsync per commit");
            }
            return Durability.memory("H2 " + org.h2.engine.Constants.FULL_VERSION + ": WRITE_DELAY=" + writeDelay
                    + " ms, a commit returns before H2's background writer hands it to the OS; no fsync per commit");
        }
    }
}
