package dev.ferry.store.database;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.admin.QueueOverview;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant that keeps an H2 file whole when the JVM is killed (see {@link SerialTransactions}): while one
 * store transaction runs on an H2 database, no other store transaction of this JVM on it runs, whichever store
 * (node) of the JVM it belongs to. Transactions that only read (the console's) need not wait. PostgreSQL keeps its
 * own consistent snapshots and runs them side by side.
 */
class SerialTransactionsTest {

    private static final int THREADS = 4;
    private static final int TRANSACTIONS_PER_THREAD = 25;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void transactionsOnOneH2DatabaseNeverOverlapEvenAcrossStoresOfTheJvm() throws Exception {
        FerryConfig config = TestDatabase.H2.newConfig();
        try (DatabaseMessageStore first = DatabaseMessageStore.open(config);
             DatabaseMessageStore second = DatabaseMessageStore.open(config)) {
            assertThat(mostAtOnce(List.of(first, second))).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void transactionsOnDifferentH2DatabasesRunSideBySide() throws Exception {
        try (DatabaseMessageStore one = DatabaseMessageStore.open(TestDatabase.H2.newConfig());
             DatabaseMessageStore other = DatabaseMessageStore.open(TestDatabase.H2.newConfig())) {
            assertThat(mostAtOnce(List.of(one, other), true)).isEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void transactionsOnPostgresqlRunSideBySide() throws Exception {
        try (DatabaseMessageStore store = DatabaseMessageStore.open(TestDatabase.POSTGRES.newConfig())) {
            assertThat(mostAtOnce(List.of(store))).isGreaterThan(1);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void consoleReadsGoOnWhileAnH2TransactionRunsAndWritesWaitForIt() throws Exception {
        try (DatabaseMessageStore store = DatabaseMessageStore.open(TestDatabase.H2.newConfig())) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> store.inTransaction("hold the gate", c -> {
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            holder.start();
            CompletableFuture<Destination> write;
            try {
                assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
                CompletableFuture<List<QueueOverview>> overview =
                        CompletableFuture.supplyAsync(() -> store.administration().overview());
                assertThat(overview.get(10, TimeUnit.SECONDS)).isNotNull();
                write = CompletableFuture.supplyAsync(
                        () -> store.createDestinationIfAbsent("waits", DestinationKind.QUEUE));
                Thread.sleep(300);
                assertThat(write).as("a writing transaction while another runs").isNotDone();
            } finally {
                release.countDown();
                holder.join();
            }
            assertThat(write.get(10, TimeUnit.SECONDS).name()).isEqualTo("waits");
        }
    }

    private static int mostAtOnce(List<DatabaseMessageStore> stores) throws InterruptedException {
        return mostAtOnce(stores, false);
    }

    /**
     * Runs transactions from {@value #THREADS} threads per store, each holding its transaction open for a moment,
     * and returns the largest number seen running at once. With {@code oneEach}, one thread per store, all
     * starting together and each staying until all have started or a second has passed.
     */
    private static int mostAtOnce(List<DatabaseMessageStore> stores, boolean oneEach) throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        int threadsPerStore = oneEach ? 1 : THREADS;
        CountDownLatch together = new CountDownLatch(stores.size());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (DatabaseMessageStore store : stores) {
            for (int t = 0; t < threadsPerStore; t++) {
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < (oneEach ? 1 : TRANSACTIONS_PER_THREAD); i++) {
                            store.inTransaction("count transactions running at once", c -> {
                                try (var statement = c.prepareStatement("SELECT COUNT(*) FROM ferry_node")) {
                                    statement.executeQuery().close();
                                }
                                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                                try {
                                    if (oneEach) {
                                        together.countDown();
                                        together.await(1, TimeUnit.SECONDS);
                                    } else {
                                        Thread.sleep(2);
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                } finally {
                                    running.decrementAndGet();
                                }
                                return null;
                            });
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }));
            }
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        return most.get();
    }
}
