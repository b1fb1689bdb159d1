package dev.ferry.jms.cluster;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures three nodes in separate JVMs on one embedded PostgreSQL ({@link ClusterNodeMain} children; this JVM is
 * a node too, and the producer):
 * <ul>
 *   <li>idle end-to-end latency across nodes: a message sent here reaches an idle consumer in a child through
 *       PostgreSQL LISTEN/NOTIFY (polling is set to 60 s, so nothing else could deliver it in time);</li>
 *   <li>throughput of one queue consumed by 1, 2 and 3 nodes (two transacted sessions each), every message
 *       received exactly once.</li>
 * </ul>
 * The figures are printed; on a shared 2-core machine the consumers, PostgreSQL and this JVM compete for the same
 * cores, so more nodes cannot mean more throughput here (see docs/cluster.md).
 */
class ClusterPerformanceTest {

    private static final int LATENCY_MESSAGES = 120;
    private static final long LATENCY_SPACING_MILLIS = 20;
    private static final int THROUGHPUT_MESSAGES = 2_000;
    private static final int WARM_UP_MESSAGES = 300;
    private static final long TIMEOUT_MILLIS = 90_000;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void idleConsumersOnOtherNodesAreWokenPromptlyAndEveryMessageIsConsumedOnceByOneTwoOrThreeNodes(
            @TempDir Path folder) throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig(Map.of(FerryProperties.POLL_INTERVAL.key(), "60s"));
        Path configFile = folder.resolve("ferry.properties");
        Properties properties = new Properties();
        properties.putAll(config.explicitValues());
        try (Writer writer = Files.newBufferedWriter(configFile)) {
            properties.store(writer, "cluster performance node");
        }
        List<Process> nodes = new ArrayList<>();
        try (Connection connection = new FerryConnectionFactory(config).createConnection()) {
            for (int n = 1; n <= 3; n++) {
                nodes.add(start(folder, "n" + n, configFile));
            }
            for (int n = 1; n <= 3; n++) {
                awaitFile(folder.resolve("n" + n + ".ready"), nodes.get(n - 1), folder, "n" + n);
            }
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

            // ---- warm-up: every node consumes once, so no figure below includes class loading and JIT ----
            fill(connection, "warm-up", WARM_UP_MESSAGES);
            for (Process node : nodes) {
                command(node, "CONSUME warm-up 2");
            }
            awaitEmpty(config, "warm-up");
            int warmedUp = 0;
            for (int n = 1; n <= 3; n++) {
                warmedUp += report(nodes.get(n - 1), "n" + n, "warm-up", folder).texts.size();
            }
            assertThat(warmedUp).isEqualTo(WARM_UP_MESSAGES);

            // ---- latency: this node sends, an idle consumer on node n1 receives ----
            Queue latencyQueue = session.createQueue("latency");
            command(nodes.get(0), "CONSUME latency 1");
            Thread.sleep(1_000); // the consumer is idle on its doorbell
            MessageProducer producer = session.createProducer(latencyQueue);
            for (int i = 0; i < LATENCY_MESSAGES; i++) {
                TextMessage message = session.createTextMessage("l" + i);
                message.setLongProperty("sentAtMicros", ClusterNodeMain.micros());
                producer.send(message);
                Thread.sleep(LATENCY_SPACING_MILLIS);
            }
            awaitEmpty(config, "latency");
            Report latency = report(nodes.get(0), "n1", "latency", folder);
            assertThat(latency.texts).hasSize(LATENCY_MESSAGES);
            long[] micros = latency.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            assertThat(micros).hasSize(LATENCY_MESSAGES);
            double p50 = percentile(micros, 0.50) / 1000.0;
            double p99 = percentile(micros, 0.99) / 1000.0;
            double max = micros[micros.length - 1] / 1000.0;
            System.out.printf("cross-node idle latency (send on one JVM to receive on another, %d messages "
                    + "%d ms apart): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", LATENCY_MESSAGES,
                    LATENCY_SPACING_MILLIS, p50, p99, max);
            // polling every 60 s could not do this: only the notification wakes the consumer
            assertThat(p50).as("median latency in ms").isLessThan(100);
            assertThat(p99).as("p99 latency in ms").isLessThan(1_000);

            // ---- throughput: 1, 2, 3 consuming nodes ----
            List<String> rates = new ArrayList<>();
            for (int consumers = 1; consumers <= 3; consumers++) {
                String queueName = "throughput-" + consumers;
                fill(connection, queueName, THROUGHPUT_MESSAGES);
                long started = System.nanoTime();
                for (int n = 0; n < consumers; n++) {
                    command(nodes.get(n), "CONSUME " + queueName + " 2");
                }
                awaitEmpty(config, queueName);
                double seconds = (System.nanoTime() - started) / 1e9;
                Set<String> received = new HashSet<>();
                int total = 0;
                List<Integer> perNode = new ArrayList<>();
                for (int n = 0; n < consumers; n++) {
                    Report report = report(nodes.get(n), "n" + (n + 1), queueName, folder);
                    total += report.texts.size();
                    perNode.add(report.texts.size());
                    received.addAll(report.texts);
                }
                assertThat(total).as("deliveries with %d nodes", consumers).isEqualTo(THROUGHPUT_MESSAGES);
                assertThat(received).as("distinct messages with %d nodes", consumers).hasSize(THROUGHPUT_MESSAGES);
                rates.add(String.format("%d node(s): %.0f msg/s (per node %s)", consumers,
                        THROUGHPUT_MESSAGES / seconds, perNode));
            }
            System.out.println("throughput of one queue, " + THROUGHPUT_MESSAGES + " messages, 2 transacted "
                    + "sessions per node committing every 50: " + rates);
            for (Process node : nodes) {
                command(node, "EXIT");
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(node.exitValue()).isZero();
            }
        } finally {
            nodes.forEach(Process::destroyForcibly);
        }
    }

    private static void fill(Connection connection, String queueName, int count) throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue(queueName));
        String padding = "x".repeat(200);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage(queueName + "-" + i + "-" + padding));
            if (i % 200 == 199) {
                session.commit();
            }
        }
        session.commit();
        session.close();
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private record Report(List<String> texts, List<Long> latencies) {
    }

    private static Report report(Process node, String name, String queue, Path folder) throws Exception {
        command(node, "REPORT " + queue);
        Path file = folder.resolve(name + "-" + queue + ".txt");
        awaitFile(file, node, folder, name);
        List<String> lines = Files.readAllLines(file);
        String texts = lines.get(0).substring("TEXTS".length()).trim();
        List<String> received = texts.isEmpty() ? List.of() : Arrays.asList(texts.split(","));
        List<Long> latencies = new ArrayList<>();
        for (String value : lines.get(1).substring("LATENCIES".length()).trim().split(" ")) {
            if (!value.isEmpty()) {
                latencies.add(Long.parseLong(value));
            }
        }
        return new Report(received, latencies);
    }

    private static Process start(Path folder, String name, Path config) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                ClusterNodeMain.class.getName(), config.toString(), folder.toString(), name);
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".out").toFile())
                .start();
    }

    private static void command(Process node, String line) throws IOException {
        OutputStream in = node.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    private static void awaitFile(Path file, Process node, Path folder, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (!Files.exists(file)) {
            if (!node.isAlive()) {
                throw new AssertionError(name + " exited: " + Files.readString(folder.resolve(name + ".out")));
            }
            assertThat(System.nanoTime()).as("%s within %d ms", file.getFileName(), TIMEOUT_MILLIS)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Waits until the queue holds no delivery: every message consumed and its transaction committed. */
    private static void awaitEmpty(FerryConfig config, String queue) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        try (java.sql.Connection c = TestDatabase.connect(config);
             PreparedStatement statement = c.prepareStatement("SELECT count(*) FROM ferry_delivery d "
                     + "JOIN ferry_queue q ON q.id = d.queue_id JOIN ferry_destination t ON t.id = q.destination_id "
                     + "WHERE t.name = ?")) {
            statement.setString(1, queue);
            while (true) {
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("queue %s emptied in time", queue).isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }
}
