package dev.ferry.jms.crash;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance test of DESIGN.md decision 1 ("commit is the truth") under {@code kill -9}: a separate JVM sends and
 * receives in every acknowledgement mode and is killed ({@link Process#destroyForcibly()}) at random moments,
 * several times, restarted each time, and finally drained. The {@link DeliveryLedger} then proves that every
 * message whose send or commit returned was delivered, none was delivered after its acknowledgement returned,
 * and every repeated delivery was marked redelivered.
 */
class CrashRecoveryTest {

    private static final long READY_TIMEOUT_MILLIS = 90_000;
    private static final long DRAIN_TIMEOUT_MILLIS = 90_000;
    private static final String QUEUE = "crash";

    /** Where the child keeps its messages, how often it is killed, and how long the drain waits for stragglers. */
    enum Store {
        /** An H2 file database of the test fixture, claiming a few deliveries at a time. */
        H2(5, 3_000),
        /**
         * The embedded PostgreSQL of the test fixture; the killed JVM's leases run out after two seconds
         * instead of thirty, so that the restarted one gets its in-flight deliveries back within the test.
         */
        POSTGRES(5, 5_000),
        /**
         * No configuration at all: {@code new FerryConnectionFactory()} in a fresh working directory, to prove
         * that the embedded default writes each commit before it returns. Fewer kills keep the class short; the
         * H2 case above covers the recovery paths at length.
         */
        H2_EMBEDDED_DEFAULT(3, 3_000);

        final int kills;
        /** The in-flight deliveries of a killed H2 node return when the store opens; PostgreSQL's after the lease. */
        final long drainIdleMillis;

        Store(int kills, long drainIdleMillis) {
            this.kills = kills;
            this.drainIdleMillis = drainIdleMillis;
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // 25-90 s normally; generous for loaded build machines
    void messagesWhoseSendReturnedSurviveRepeatedKillsAndAcknowledgedOnesStayConsumed(Store store,
            @TempDir Path folder) throws Exception {
        String config = writeConfig(store, folder);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Long> killPoints = new ArrayList<>();
        List<Long> startUps = new ArrayList<>();
        DeliveryLedger ledger = new DeliveryLedger();

        for (int generation = 1; generation <= store.kills; generation++) {
            Path events = folder.resolve("events-" + generation + ".log");
            long started = System.nanoTime();
            Process child = start(folder, "RUN", generation, config, events, store.drainIdleMillis);
            try {
                awaitReady(child, events, folder, generation);
                startUps.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                long runMillis = 1_000 + random.nextInt(2_001);
                Thread.sleep(runMillis);
                assertThat(child.isAlive()).as("child %d died before it was killed: %s", generation,
                        childOutput(folder, generation)).isTrue();
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no store close
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                killPoints.add(runMillis);
            } finally {
                child.destroyForcibly();
            }
            ledger.read("run " + generation, EventLog.completeLines(events));
        }

        int drainGeneration = store.kills + 1;
        Path drainEvents = folder.resolve("events-" + drainGeneration + ".log");
        Process drain = start(folder, "DRAIN", drainGeneration, config, drainEvents, store.drainIdleMillis);
        try {
            assertThat(drain.waitFor(DRAIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                    .as("drain finished within %d ms", DRAIN_TIMEOUT_MILLIS).isTrue();
            assertThat(drain.exitValue()).as("drain exit status; %s", childOutput(folder, drainGeneration))
                    .isZero();
        } finally {
            drain.destroyForcibly();
        }
        ledger.read("drain", EventLog.completeLines(drainEvents));

        List<String> problems = ledger.problems();
        System.out.printf("crash test %s: %d messages sent, %d kill points after %s ms of running (JVM start-up "
                        + "%s ms), %d deliveries, %d duplicates, %d acknowledged, %d rolled-back sends, %d losses, "
                        + "%d problems (seed %d)%n",
                store, ledger.sent(), killPoints.size(), killPoints, startUps, ledger.deliveries(),
                ledger.duplicates(), ledger.acknowledged(), ledger.rolledBack(), ledger.lost().size(),
                problems.size(), seed);
        problems.forEach(problem -> System.out.println("  " + problem));
        assertThat(ledger.sent()).as("messages sent before the kills").isPositive();
        assertThat(problems).as("broken delivery promises").isEmpty();
    }

    /** The child's configuration file, or {@code -} for none (the embedded default). */
    private static String writeConfig(Store store, Path folder) throws IOException {
        FerryConfig config;
        switch (store) {
            case H2:
                config = TestDatabase.H2.newConfig(Map.of(FerryProperties.PREFETCH.key(), "4"));
                break;
            case POSTGRES:
                config = TestDatabase.POSTGRES.newConfig(Map.of(
                        FerryProperties.LEASE_TIMEOUT.key(), "2s",
                        FerryProperties.HEARTBEAT_INTERVAL.key(), "500ms"));
                break;
            default:
                return "-";
        }
        Properties properties = new Properties();
        properties.putAll(config.explicitValues());
        Path file = folder.resolve("ferry.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "crash test child configuration");
        }
        return file.toString();
    }

    /** A child JVM on this test's classpath, with the java binary running this test, working in {@code folder}. */
    private static Process start(Path folder, String mode, int generation, String config, Path events,
                                 long drainIdleMillis) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                mode, "g" + generation, config, events.toString(), QUEUE, Long.toString(drainIdleMillis));
        Path output = folder.resolve("child-" + generation + ".out");
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    private static void awaitReady(Process child, Path events, Path folder, int generation)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (!EventLog.completeLines(events).contains("READY")) {
            if (!child.isAlive()) {
                throw new AssertionError("child " + generation + " exited with status " + child.exitValue()
                        + " before it was ready: " + childOutput(folder, generation));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("child " + generation + " was not ready within " + READY_TIMEOUT_MILLIS
                        + " ms: " + childOutput(folder, generation));
            }
            Thread.sleep(50);
        }
    }

    /** The end of a child's console output, for failure messages. */
    private static String childOutput(Path folder, int generation) {
        try {
            String text = Files.readString(folder.resolve("child-" + generation + ".out"));
            return text.length() > 4_000 ? "…" + text.substring(text.length() - 4_000) : text;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
