package dev.ferry.store.database;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitterTest {

    @Test
    void loneCommitIsAppliedAloneAndAtOnce() {
        List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<String> committer = new GroupCommitter<>(transactions::add, 64);

        committer.commit("a");
        committer.commit("b");

        assertThat(transactions).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void commitsArrivingDuringATransactionShareTheNextOne() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<String> committer = new GroupCommitter<>(items -> {
            transactions.add(List.copyOf(items));
            if (items.contains("first")) {
                firstRunning.countDown();
                await(releaseFirst);
            }
        }, 64);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            Future<?> first = threads.submit(() -> committer.commit("first"));
            assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String item = "w" + i;
                others.add(threads.submit(() -> committer.commit(item)));
            }
            awaitQueued(committer, 4);
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> other : others) {
                other.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(1)).containsExactlyInAnyOrder("w0", "w1", "w2", "w3");
    }

    @Test
    void aFailingMemberFailsOnlyItsOwnCommit() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<String> committer = new GroupCommitter<>(items -> {
            if (items.contains("first")) {
                firstRunning.countDown();
                await(releaseFirst);
            }
            if (items.contains("bad")) {
                throw new IllegalStateException("bad work");
            }
            committed.addAll(items);
        }, 64);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<?> first = threads.submit(() -> committer.commit("first"));
            assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> good1 = threads.submit(() -> committer.commit("good1"));
            Future<?> bad = threads.submit(() -> committer.commit("bad"));
            Future<?> good2 = threads.submit(() -> committer.commit("good2"));
            awaitQueued(committer, 3);
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            good1.get(10, TimeUnit.SECONDS);
            good2.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("bad work");
        } finally {
            threads.shutdownNow();
        }
        assertThat(committed).containsExactlyInAnyOrder("first", "good1", "good2");
    }

    @Test
    void aGroupNeverExceedsTheLargestBatch() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<Integer> committer = new GroupCommitter<>(items -> {
            sizes.add(items.size());
            sleep(2);
        }, 3);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int item = i;
                all.add(threads.submit(() -> committer.commit(item)));
            }
            for (Future<?> future : all) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(sizes).allMatch(size -> size <= 3);
        assertThat(sizes).anyMatch(size -> size > 1);
    }

    private static void awaitQueued(GroupCommitter<?> committer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (committer.queued() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(committer.queued()).isEqualTo(count);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
