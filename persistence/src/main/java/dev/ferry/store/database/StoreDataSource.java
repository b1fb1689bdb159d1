package dev.ferry.store.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.store.StoreException;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * Where the store's connections come from: a container {@code DataSource} named by {@code ferry.datasource},
 * else a HikariCP pool over {@code ferry.jdbc.url} (by default an embedded H2 file database).
 */
final class StoreDataSource implements AutoCloseable {

    /**
     * H2 2.x (MVStore) writes committed changes to its file only every WRITE_DELAY milliseconds (default 500);
     * a {@code kill -9} in between loses transactions that had committed. With {@code WRITE_DELAY=0} the
     * MVStore's auto-commit delay is 0 and every transaction commit writes the store's chunk to the file before
     * commit returns (TransactionStore.endTransaction calls MVStore.commit()), so a committed transaction is in
     * the operating system when the JVM dies. It is not fsync'ed: surviving a power loss needs PostgreSQL.
     */
    static final String H2_DURABLE_COMMIT = "WRITE_DELAY=0";

    private final DataSource dataSource;
    private final HikariDataSource pool;
    private final String description;
    private final boolean exclusiveEmbedded;

    private StoreDataSource(DataSource dataSource, HikariDataSource pool, String description,
                            boolean exclusiveEmbedded) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.description = description;
        this.exclusiveEmbedded = exclusiveEmbedded;
    }

    static StoreDataSource resolve(FerryConfig config) {
        String jndiName = config.get(FerryProperties.DATASOURCE);
        if (jndiName != null && !jndiName.isBlank()) {
            return new StoreDataSource(lookup(jndiName), null, "java:" + jndiName, false);
        }
        String url = withDurableCommit(config.get(FerryProperties.JDBC_URL));
        boolean h2 = isH2(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        String user = config.get(FerryProperties.JDBC_USER);
        hikari.setUsername(user == null && h2 ? "sa" : user);
        String password = config.get(FerryProperties.JDBC_PASSWORD);
        hikari.setPassword(password == null && h2 ? "" : password);
        hikari.setMaximumPoolSize(config.get(FerryProperties.JDBC_POOL_SIZE));
        hikari.setMinimumIdle(Math.min(2, config.get(FerryProperties.JDBC_POOL_SIZE)));
        hikari.setPoolName("ferry-store");
        hikari.setAutoCommit(true);
        if (url.startsWith("jdbc:postgresql:") && !url.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts")) {
            // turns the JDBC batches of the hot path into multi-row INSERTs (DESIGN.md #6)
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        try {
            HikariDataSource pool = new HikariDataSource(hikari);
            return new StoreDataSource(pool, pool, url, h2 && isExclusiveEmbedded(url));
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the store database " + url + ": " + rootMessage(e), e);
        }
    }

    private static DataSource lookup(String jndiName) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (!(found instanceof DataSource)) {
                throw new StoreException("ferry.datasource " + jndiName + " names a "
                        + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
            }
            return (DataSource) found;
        } catch (NamingException e) {
            throw new StoreException("ferry.datasource " + jndiName + " cannot be looked up: " + e.getMessage(), e);
        }
    }

    /** Appends {@link #H2_DURABLE_COMMIT} to H2 URLs that do not choose a write delay themselves. */
    static String withDurableCommit(String url) {
        if (!isH2(url) || url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
            return url;
        }
        return url + ";" + H2_DURABLE_COMMIT;
    }

    static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * An embedded H2 database without AUTO_SERVER is open in this JVM only: the leases of nodes that are not
     * running in this JVM are certainly dead.
     */
    static boolean isExclusiveEmbedded(String url) {
        String u = url.toUpperCase(Locale.ROOT);
        return !u.startsWith("JDBC:H2:TCP:") && !u.startsWith("JDBC:H2:SSL:") && !u.contains("AUTO_SERVER=TRUE");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * A connection that is not the pool's, for a node's notification listener, which keeps it for as long as the
     * store is open (a pooled one would be held forever and could be recycled under it). With a container
     * DataSource there is no other way in: one of its connections is taken and held. The caller closes it.
     */
    Connection openDedicated() throws SQLException {
        if (pool == null) {
            return dataSource.getConnection();
        }
        Properties properties = new Properties();
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "ferry-notifications");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    String description() {
        return description;
    }

    boolean exclusiveEmbedded() {
        return exclusiveEmbedded;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
