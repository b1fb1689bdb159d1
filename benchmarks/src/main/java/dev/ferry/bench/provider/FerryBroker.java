package dev.ferry.bench.provider;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.ConnectionFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ferry in this JVM, its store an H2 file database or an embedded PostgreSQL server. */
final class FerryBroker implements BrokerUnderTest {

    private final FerryConnectionFactory factory;
    private final String jdbcUrl;
    private final EmbeddedPostgres postgres;
    private final Map<String, String> description = new LinkedHashMap<>();

    private FerryBroker(String jdbcUrl, String user, String password, EmbeddedPostgres postgres) {
        this.jdbcUrl = jdbcUrl;
        this.postgres = postgres;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ferry.jdbc.url", jdbcUrl);
        settings.put("ferry.jdbc.user", user);
        settings.put("ferry.jdbc.password", password);
        // settings of an A/B run (the harness's --ferry), as system properties of this JVM
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("ferry."))
                .forEach(key -> settings.put(key, System.getProperty(key)));
        this.factory = new FerryConnectionFactory(FerryConfig.of(settings));
        description.put("ferry", versionOf(factory.getClass()));
        description.put("jdbcUrl", jdbcUrl);
        settings.keySet().stream().filter(key -> !key.startsWith("ferry.jdbc.")).sorted()
                .forEach(key -> description.put(key, settings.get(key)));
    }

    static BrokerUnderTest onH2(Path dataDir) {
        FerryBroker broker = new FerryBroker(H2Store.url(dataDir, "ferry"), H2Store.USER, H2Store.PASSWORD, null);
        broker.description.put("store", "H2 " + org.h2.engine.Constants.FULL_VERSION + " file database");
        return broker;
    }

    static BrokerUnderTest onPostgres(Path dataDir) throws Exception {
        Path pgData = dataDir.resolve("pgdata");
        Files.createDirectories(pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                // the harness deletes the directory; a backlog drain reopens it in a second JVM
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // zonky starts postgres with -F (fsync off) and synchronous_commit=off; a broker must not
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // the server's own output goes to a file, not into the result stream
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
                .start();
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            FerryBroker broker = new FerryBroker(url, "postgres", "", postgres);
            broker.description.put("store", "PostgreSQL " + serverVersion(url) + " (embedded, 127.0.0.1)");
            return broker;
        } catch (RuntimeException | Error e) {
            postgres.close();
            throw e;
        }
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public Durability durability() throws SQLException {
        if (postgres == null) {
            return H2Store.durability(jdbcUrl);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            String fsync = show(statement, "fsync");
            String synchronousCommit = show(statement, "synchronous_commit");
            String walSyncMethod = show(statement, "wal_sync_method");
            String line = "PostgreSQL fsync=" + fsync + ", synchronous_commit=" + synchronousCommit
                    + ", wal_sync_method=" + walSyncMethod;
            if ("on".equals(fsync) && ("on".equals(synchronousCommit) || "local".equals(synchronousCommit)
                    || "remote_write".equals(synchronousCommit) || "remote_apply".equals(synchronousCommit))) {
                return Durability.disk(line + ": a commit returns after its WAL is flushed");
            }
            return "on".equals(fsync) ? Durability.os(line) : Durability.memory(line);
        }
    }

    /** PostgreSQL's commits and WAL flushes (pg_stat_database, pg_stat_wal), after the statistics caught up. */
    @Override
    public Map<String, Long> storeCounters() throws Exception {
        if (postgres == null) {
            return Map.of();
        }
        Thread.sleep(700); // backends report their statistics at most every 500 ms
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            Map<String, Long> counters = new LinkedHashMap<>();
            try (ResultSet row = statement.executeQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                if (row.next()) {
                    counters.put("dbCommits", row.getLong(1));
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT wal_sync, wal_write FROM pg_stat_wal")) {
                if (row.next()) {
                    counters.put("walSyncs", row.getLong(1));
                    counters.put("walWrites", row.getLong(2));
                }
            }
            return counters;
        }
    }

    @Override
    public Map<String, String> description() {
        return description;
    }

    @Override
    public void close() throws Exception {
        // Ferry's broker closed with the last connection; only the database server is left
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "(work tree)" : version;
    }

    private static String serverVersion(String url) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
            return row.next() ? row.getString(1) : "unknown";
        }
    }
}
