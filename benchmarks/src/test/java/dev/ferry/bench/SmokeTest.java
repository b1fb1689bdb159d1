package dev.ferry.bench;

import dev.ferry.bench.child.RunResult;
import dev.ferry.bench.harness.ChildLauncher;
import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.DeliveryLedger;
import dev.ferry.bench.workload.Workload;
import dev.ferry.bench.workload.WorkloadSettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's own acceptance test: tiny queue workloads against Ferry on H2 and against Artemis, each in
 * a forked JVM exactly as the harness runs them, must deliver every message exactly once and report a
 * well-formed result.
 */
class SmokeTest {

    private static final long MESSAGES = 200;
    private static final WorkloadSettings TINY = new WorkloadSettings(MESSAGES, 50, Duration.ZERO,
            Duration.ofSeconds(1), 500, 1_000, Duration.ofSeconds(30), Duration.ofSeconds(30), "", -1);

    static Stream<Arguments> providersAndQueueWorkloads() {
        return Stream.of(Provider.FERRY_H2, Provider.ARTEMIS).flatMap(provider ->
                Stream.of(Workload.Q_1X1, Workload.Q_TX_4X4).map(workload -> Arguments.of(provider, workload)));
    }

    @ParameterizedTest(name = "{0} delivers each of 200 messages exactly once in {1}")
    @MethodSource("providersAndQueueWorkloads")
    void forkedRunDeliversEveryMessageExactlyOnceAndReportsItsRate(Provider provider, Workload workload,
                                                                   @TempDir Path dir) throws Exception {
        RunResult result = new ChildLauncher("256m").run(provider, workload, TINY, dir.resolve("data"),
                dir.resolve("logs"), provider.id() + "-" + workload.id(), List.of(), Duration.ofSeconds(150));

        assertThat(result.status()).as("status of %s × %s: %s", provider.id(), workload.id(), result.message())
                .isEqualTo(RunResult.OK);
        assertThat(result.provider()).isEqualTo(provider.id());
        assertThat(result.workload()).isEqualTo(workload.id());
        DeliveryLedger.Check measured = result.checks().stream()
                .filter(check -> check.receiver().equals("bench." + workload.id()))
                .findFirst().orElseThrow();
        assertThat(measured.expected()).isEqualTo(MESSAGES);
        assertThat(measured.delivered()).isEqualTo(MESSAGES);
        assertThat(measured.duplicates()).isZero();
        assertThat(measured.missing()).isZero();
        assertThat(measured.unexpected()).isZero();
        assertThat(result.checks()).allMatch(DeliveryLedger.Check::exactlyOnce);
        assertThat(result.metric("messages")).isEqualTo(MESSAGES);
        assertThat(result.metric("msgsPerSec")).isPositive().isFinite();
        assertThat(result.durability()).isNotNull();
        assertThat(result.durability().level()).isIn("disk", "os", "memory");
        assertThat(result.jvm().peakHeapBytes()).isPositive();
    }
}
