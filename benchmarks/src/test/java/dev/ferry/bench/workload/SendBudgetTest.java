package dev.ferry.bench.workload;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendBudgetTest {

    @Test
    void countBudgetHandsOutEachSequenceOnceAcrossSenders() throws Exception {
        SendBudget budget = SendBudget.count(10_000).start();
        BitSet handedOut = new BitSet();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            senders.submit(() -> {
                long seq;
                while ((seq = budget.next()) >= 0) {
                    synchronized (handedOut) {
                        assertThat(handedOut.get((int) seq)).isFalse();
                        handedOut.set((int) seq);
                    }
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(budget.issued()).isEqualTo(10_000);
        assertThat(handedOut.cardinality()).isEqualTo(10_000);
        assertThat(budget.countReached()).isTrue();
    }

    @Test
    void durationBudgetStopsWhenItsTimeIsUp() throws Exception {
        SendBudget budget = SendBudget.duration(Duration.ofMillis(50)).start();
        assertThat(budget.next()).isZero();
        Thread.sleep(80);

        assertThat(budget.next()).isEqualTo(-1);
        assertThat(budget.issued()).isEqualTo(1);
        assertThat(budget.countReached()).isFalse();
    }

    @Test
    void budgetRefusesToHandOutBeforeItsClockStarts() {
        SendBudget budget = SendBudget.count(1);

        assertThatThrownBy(budget::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
    }

    @Test
    void emptyBudgetIsRejected() {
        assertThatThrownBy(() -> SendBudget.count(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one message");
    }
}
