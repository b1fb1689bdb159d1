package dev.ferry.store.admin;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's operations on a large queue: time to the first page, and time and heap of purging and of
 * replaying dead letters. The size is {@code -Dferry.admin.largeQueue} (default 100,000, run in every build);
 * {@code mvn -Pbig} runs it with 1,000,000 messages in a 256 MiB heap (see persistence/README.md). Rows are
 * filled with one {@code INSERT ... SELECT} per 100,000 rows, not through the store, so that filling stays a small
 * part of the run. Figures are printed to the test's output file.
 */
class LargeQueueMeasurementsTest {

    private static final int SIZE = Integer.getInteger("ferry.admin.largeQueue", 100_000);
    private static final long ID_BASE = 5_000_000_000L;
    private static final int CHUNK = 100_000;

    @ParameterizedTest
    @MethodSource("databases")
    void firstPageOfALargeQueueTakesUnderASecondAndPurgingItStaysInBoundedMemory(TestDatabase database)
            throws SQLException {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("big", DestinationKind.QUEUE);
            long fill = time(() -> fill(config, database, queue.queueId(), "big", null, null));
            long analyze = time(() -> analyze(config));
            StoreAdministration admin = store.administration();
            admin.browse(BrowseRequest.firstPage(queue.queueId(), 50)); // warms up the pool and the JIT

            long firstPage = best(() -> admin.browse(BrowseRequest.firstPage(queue.queueId(), 50)));
            long lastPage = best(() -> admin.browse(BrowseRequest.firstPage(queue.queueId(), 50)
                    .sortedBy(SortColumn.SEND_ORDER, true)));
            long byPriority = best(() -> admin.browse(BrowseRequest.firstPage(queue.queueId(), 50)
                    .sortedBy(SortColumn.PRIORITY, false)));
            long bySelector = best(() -> admin.browse(BrowseRequest.firstPage(queue.queueId(), 50)
                    .withFilter(MessageFilter.ALL.withPredicate(d -> d.message().priority() == 3, "JMSPriority = 3"))));
            MessagePage deep = admin.browse(BrowseRequest.firstPage(queue.queueId(), 50)
                    .after(new PageCursor(ID_BASE + SIZE / 2, ID_BASE + SIZE / 2)));
            long overview = best(admin::overview);
            long preview = best(() -> admin.preview(Selection.all(queue.queueId())));

            Measured<BulkResult> purge = measure(() -> admin.delete(Selection.all(queue.queueId()), "bench")
                    .await(Duration.ofMinutes(30)));

            report(database, "fill " + SIZE + " rows", fill);
            report(database, "ANALYZE after the fill", analyze);
            report(database, "first page (arrival order, 50 rows)", firstPage);
            report(database, "first page newest first", lastPage);
            report(database, "first page by priority", byPriority);
            report(database, "first page, selector matching 1 in 10", bySelector);
            report(database, "overview (all counts)", overview);
            report(database, "exact count preview", preview);
            report(database, "purge " + SIZE + " (" + purge.value.batches() + " batches), peak heap "
                    + purge.peakHeapMiB + " MiB", purge.millis);
            assertThat(firstPage).as("time to the first page, ms").isLessThan(1_000);
            assertThat(byPriority).as("time to the first page by priority, ms").isLessThan(1_000);
            assertThat(deep.messages()).hasSize(50);
            assertThat(deep.messages().get(0).jmsMessageId()).isEqualTo("ID:big-" + (SIZE / 2 + 1));
            assertThat(purge.value.touched()).isEqualTo(SIZE);
            assertThat(admin.overview(queue.queueId()).orElseThrow().depth()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void replayingALargeDeadLetterQueueStaysInBoundedMemory(TestDatabase database) throws SQLException {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination orders = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            Destination dlq = store.createDestinationIfAbsent("DLQ", DestinationKind.QUEUE);
            long fill = time(() -> fill(config, database, dlq.queueId(), "orders", "orders", "listener threw"));
            analyze(config);
            StoreAdministration admin = store.administration();

            Measured<BulkResult> replay = measure(() -> admin.replayDeadLetters(Selection.all(dlq.queueId()),
                    ReplayOptions.TO_ORIGIN, "bench").await(Duration.ofMinutes(30)));

            report(database, "fill " + SIZE + " dead letters", fill);
            report(database, "replay " + SIZE + " dead letters (" + replay.value.batches() + " batches), peak heap "
                    + replay.peakHeapMiB + " MiB", replay.millis);
            assertThat(replay.value.touched()).isEqualTo(SIZE);
            QueueOverview back = admin.overview(orders.queueId()).orElseThrow();
            assertThat(back.ready()).isEqualTo(SIZE);
            assertThat(back.deadLettered()).isZero();
            assertThat(admin.overview(dlq.queueId()).orElseThrow().depth()).isZero();
        }
    }

    /**
     * Inserts SIZE messages with one delivery each into a queue, 100,000 rows per statement. The ready numbers
     * are given rather than drawn from the sequence row by row (three times faster on H2); they only order
     * selective claims, which these tests do not make.
     */
    private static void fill(FerryConfig config, TestDatabase database, long queueId, String destination,
                             String originalDestination, String failureReason) {
        boolean h2 = database == TestDatabase.H2;
        String messages = h2
                ? "INSERT INTO ferry_message (id, destination_name, destination_kind, message_id, sent_at, "
                + "correlation_id, persistent, priority, expiration, delivery_time, group_seq, body_type, properties, "
                + "body) SELECT ? + X, ?, 'Q', CONCAT('ID:big-', X), ? + X, CONCAT('corr-', MOD(X, 100)), TRUE, "
                + "MOD(X, 10), 0, 0, 0, 1, X'', STRINGTOUTF8(CONCAT('order ', X, ' {\"item\":\"widget\",\"quantity\":', "
                + "MOD(X, 7), ',\"note\":\"a body of about a hundred bytes, like a small JSON document\"}')) "
                + "FROM SYSTEM_RANGE(?, ?)"
                : "INSERT INTO ferry_message (id, destination_name, destination_kind, message_id, sent_at, "
                + "correlation_id, persistent, priority, expiration, delivery_time, group_seq, body_type, properties, "
                + "body) SELECT ?::bigint + x, ?, 'Q', 'ID:big-' || x, ?::bigint + x, 'corr-' || (x % 100), TRUE, "
                + "x % 10, 0, 0, 0, 1, ''::bytea, convert_to('order ' || x || ' {\"item\":\"widget\",\"quantity\":' "
                + "|| (x % 7) || ',\"note\":\"a body of about a hundred bytes, like a small JSON document\"}', 'UTF8') "
                + "FROM generate_series(?::bigint, ?::bigint) AS g(x)";
        String deliveries = h2
                ? "INSERT INTO ferry_delivery (id, queue_id, message_id, priority, ready_at, expires_at, delivery_count, "
                + "lease_expires_at, original_destination, failure_reason, shared, ready_seq) "
                + "SELECT ? + X, ?, ? + X, MOD(X, 10), 0, 0, ?, 0, ?, ?, FALSE, X FROM SYSTEM_RANGE(?, ?)"
                : "INSERT INTO ferry_delivery (id, queue_id, message_id, priority, ready_at, expires_at, delivery_count, "
                + "lease_expires_at, original_destination, failure_reason, shared, ready_seq) "
                + "SELECT ?::bigint + x, ?, ?::bigint + x, x % 10, 0, 0, ?, 0, ?, ?, FALSE, x "
                + "FROM generate_series(?::bigint, ?::bigint) AS g(x)";
        try (Connection c = TestDatabase.connect(config);
             PreparedStatement m = c.prepareStatement(messages);
             PreparedStatement d = c.prepareStatement(deliveries)) {
            for (long from = 1; from <= SIZE; from += CHUNK) {
                long to = Math.min(SIZE, from + CHUNK - 1);
                m.setLong(1, ID_BASE);
                m.setString(2, destination);
                m.setLong(3, 1_700_000_000_000L);
                m.setLong(4, from);
                m.setLong(5, to);
                m.executeUpdate();
                d.setLong(1, ID_BASE);
                d.setLong(2, queueId);
                d.setLong(3, ID_BASE);
                d.setInt(4, originalDestination == null ? 0 : 5);
                d.setString(5, originalDestination);
                d.setString(6, failureReason);
                d.setLong(7, from);
                d.setLong(8, to);
                d.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fill the queue", e);
        }
    }

    /**
     * Refreshes the planner's statistics, as PostgreSQL's autovacuum does on its own after a queue has grown (and
     * H2 after many changes). Without them PostgreSQL takes a queue just filled by one statement for a few rows.
     */
    private static void analyze(FerryConfig config) {
        try (Connection c = TestDatabase.connect(config);
             java.sql.Statement statement = c.createStatement()) {
            statement.execute(TestDatabase.jdbcUrlOf(config).startsWith("jdbc:h2:") ? "ANALYZE"
                    : "ANALYZE ferry_delivery, ferry_message");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot analyze", e);
        }
    }

    private record Measured<T>(T value, long millis, long peakHeapMiB) {
    }

    /** Runs the work while sampling the heap in use every 5 ms (garbage not yet collected included). */
    private static <T> Measured<T> measure(Supplier<T> work) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        T value = work.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        running.set(false);
        return new Measured<>(value, millis, peak.get() / (1024 * 1024));
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The best of three runs, in milliseconds. */
    private static long best(Supplier<?> work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            work.get();
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
        }
        return best;
    }

    private static void report(TestDatabase database, String what, long millis) {
        System.out.printf("LARGE-QUEUE %-8s %-70s %8d ms  (heap max %d MiB)%n", database, what, millis,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
