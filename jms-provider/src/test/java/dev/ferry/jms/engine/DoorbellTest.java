package dev.ferry.jms.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DoorbellTest {

    @Test
    void ringWakesAWaiter() throws Exception {
        Doorbell bell = new Doorbell();
        long seen = bell.rings();
        CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            bell.await(seen, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });
        Thread.sleep(50);

        bell.ring();

        assertThat(woke.get(5, TimeUnit.SECONDS)).isLessThan(5_000);
    }

    @Test
    void ringBeforeTheWaitIsNotLost() {
        Doorbell bell = new Doorbell();
        long seen = bell.rings();
        bell.ring();

        long start = System.nanoTime();
        bell.await(seen, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    }

    @Test
    void waitEndsAtItsDeadlineWithoutARing() {
        Doorbell bell = new Doorbell();

        long start = System.nanoTime();
        bell.await(bell.rings(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(95);
    }
}
