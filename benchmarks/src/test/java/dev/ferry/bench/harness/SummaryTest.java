package dev.ferry.bench.harness;

import dev.ferry.bench.child.RunResult;
import dev.ferry.bench.provider.Durability;
import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {

    private static Harness.Run run(int round, String provider, String workload, Map<String, Object> metrics) {
        return new Harness.Run(round, new RunResult(provider, workload, "", RunResult.OK, null, 1, metrics, List.of(),
                Durability.disk("synced"), Map.of(), null), 1.0);
    }

    @Test
    void headlineIsTheMedianOverTheRounds() {
        List<Harness.Run> runs = List.of(
                run(1, "artemis", "q-1x1", Map.of("msgsPerSec", 300.0)),
                run(2, "artemis", "q-1x1", Map.of("msgsPerSec", 100.0)),
                run(3, "artemis", "q-1x1", Map.of("msgsPerSec", 200.0)));

        Summary summary = Summary.of(List.of(Workload.Q_1X1), List.of(Provider.ARTEMIS), runs);

        Summary.Row row = summary.rows().get(0);
        assertThat(row.medians().get("msgsPerSec")).isEqualTo(200.0);
        assertThat(row.min()).isEqualTo(100.0);
        assertThat(row.max()).isEqualTo(300.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Summary.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void ratioIsFerryOverThePeer() {
        List<Harness.Run> runs = List.of(
                run(1, "ferry-pg", "q-tx-4x4", Map.of("msgsPerSec", 500.0)),
                run(1, "artemis", "q-tx-4x4", Map.of("msgsPerSec", 2000.0)));

        Summary summary = Summary.of(List.of(Workload.Q_TX_4X4), List.of(Provider.FERRY_PG, Provider.ARTEMIS), runs);

        assertThat(summary.ratio("q-tx-4x4", "ferry-pg", "artemis")).isCloseTo(0.25, within(1e-9));
        assertThat(summary.markdown()).contains("| q-tx-4x4 | artemis |").contains("0.25");
    }

    @Test
    void latencyIsComparedByItsP99() {
        List<Harness.Run> runs = List.of(
                run(1, "ferry-h2", "latency", Map.of("p99Micros", 3000.0, "p50Micros", 1000.0)),
                run(1, "activemq-jdbc-h2", "latency", Map.of("p99Micros", 6000.0, "p50Micros", 500.0)));

        Summary summary = Summary.of(List.of(Workload.LATENCY),
                List.of(Provider.FERRY_H2, Provider.ACTIVEMQ_JDBC_H2), runs);

        assertThat(summary.ratio("latency", "ferry-h2", "activemq-jdbc-h2")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void unsupportedTopicIsReportedWithoutFailingTheRun() {
        List<Harness.Run> runs = new ArrayList<>();
        runs.add(new Harness.Run(1, new RunResult("ferry-h2", "topic-fanout-1x4", "", RunResult.UNSUPPORTED,
                "topic subscription not supported: boom", 1, Map.of(), List.of(), null, Map.of(), null), 1.0));

        Summary summary = Summary.of(List.of(Workload.TOPIC_FANOUT_1X4), List.of(Provider.FERRY_H2), runs);

        assertThat(summary.anyFailed()).isFalse();
        assertThat(summary.markdown()).contains("unsupported").contains("topic subscription not supported");
    }

    @Test
    void lostRunFailsTheBenchmark() {
        List<Harness.Run> runs = List.of(new Harness.Run(1,
                RunResult.lost("artemis", "q-1x1", "", "no result within 60 s"), 60.0));

        Summary summary = Summary.of(List.of(Workload.Q_1X1), List.of(Provider.ARTEMIS), runs);

        assertThat(summary.anyFailed()).isTrue();
        assertThat(summary.markdown()).contains("**failed**").contains("no result within 60 s");
    }

    @Test
    void backlogShowsThePeakHeapAndWhatStayedLiveAfterCollections() {
        Map<String, Object> drained = Map.of("drainMsgsPerSec", 9000.0, "peakHeapBytes", 400.0 * (1 << 20),
                "peakLiveHeapBytes", 60.0 * (1 << 20), "messages", 1000.0);
        List<Harness.Run> runs = List.of(new Harness.Run(1, new RunResult("ferry-pg", "backlog-1m", "drain",
                RunResult.OK, null, 1, drained, List.of(), Durability.disk("synced"), Map.of(), null), 1.0));

        Summary summary = Summary.of(List.of(Workload.BACKLOG_1M), List.of(Provider.FERRY_PG), runs);

        assertThat(summary.markdown()).contains("9,000 msg/s drained · peak heap 400 MiB (live after GC 60 MiB)");
    }
}
