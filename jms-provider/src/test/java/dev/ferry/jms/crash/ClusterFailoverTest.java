package dev.ferry.jms.crash;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out under {@code kill -9} (DESIGN.md #2 and #8): three JVMs share one embedded PostgreSQL, each producing
 * and consuming one queue in every acknowledgement mode ({@link CrashChild} in {@code NODE} mode, all writing one
 * event log, so its order is the order in which things happened). One is killed mid-stream. The test then measures
 * how long the dead node's leases take to return and its temporary destination, non-durable subscription and
 * claim on a durable subscription take to go, resumes that durable subscription from this JVM (a fourth node),
 * lets the survivors drain the queue, and proves with the {@link DeliveryLedger} that no message whose send
 * returned was lost, none was delivered after its acknowledgement returned, and every repeated delivery was
 * marked redelivered.
 */
class ClusterFailoverTest {

    private static final String QUEUE = "cluster-work";
    /**
     * Short, so that the test sees the failover, yet long enough that a node of a heavily loaded build machine
     * (three JVMs starting at once on two shared cores) is not taken for dead while it is merely slow.
     */
    private static final long LEASE_MILLIS = 4_000;
    private static final long READY_TIMEOUT_MILLIS = 90_000;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killingOneOfThreeNodesLosesNothingAndEveryRepeatedDeliveryIsMarkedRedelivered(@TempDir Path folder)
            throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig(Map.of(
                FerryProperties.LEASE_TIMEOUT.key(), LEASE_MILLIS + "ms",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "500ms"));
        Path configFile = writeConfig(config, folder);
        Path events = folder.resolve("events.log");
        List<Process> nodes = new ArrayList<>();
        List<Connection> heirs = new ArrayList<>();
        Connection observer = null;
        long began = System.nanoTime();
        try {
            // this JVM is a fourth node, started first so that it does not start up against three busy ones
            observer = new FerryConnectionFactory(config).createConnection();
            for (int n = 1; n <= 3; n++) {
                nodes.add(start(folder, n, configFile, events, n == 2));
            }
            awaitReady(nodes, events, folder);
            long startUp = millisSince(began);
            for (Process node : nodes) {
                command(node, "GO");
            }
            Process victim = nodes.get(1);
            String victimId = nodeIdOf(config, victim.pid());

            // the client ID of the victim's connection, and with it its durable subscription, is not to be had on
            // another node (JMS 3.1 §6.1.2)
            Session session = observer.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("cluster-topic");
            session.createProducer(topic).send(session.createTextMessage("kept for audit"));
            try (Connection rival = new FerryConnectionFactory(config).createConnection()) {
                rival.setClientID("cluster-app");
                throw new AssertionError("the client ID the victim's connection holds was granted to another node");
            } catch (InvalidClientIDException expected) {
                // the victim's connection holds it
            }
            assertThat(count(config, "SELECT count(*) FROM ferry_destination WHERE temporary AND owner_node = ?",
                    victimId)).as("the victim's temporary queue").isEqualTo(1);
            assertThat(count(config, "SELECT count(*) FROM ferry_queue WHERE owner_node = ?", victimId))
                    .as("the victim's non-durable subscription").isEqualTo(1);

            Thread.sleep(3_000); // all three produce and consume
            assertThat(victim.isAlive()).as("victim alive before the kill: %s", output(folder, 2)).isTrue();
            long leasedAtKill = count(config, "SELECT count(*) FROM ferry_delivery WHERE lease_owner = ?", victimId);
            assertThat(leasedAtKill).as("deliveries the victim holds unacknowledged")
                    .isGreaterThanOrEqualTo(CrashChild.HOARDED);
            long killed = System.nanoTime();
            victim.destroyForcibly(); // SIGKILL
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long leasesBack = awaitZero(config, "SELECT count(*) FROM ferry_delivery WHERE lease_owner = ?",
                    victimId, killed);
            long reaped = awaitZero(config, "SELECT count(*) FROM ferry_node WHERE id = ?", victimId, killed);
            long temporaryGone = awaitZero(config,
                    "SELECT count(*) FROM ferry_destination WHERE temporary AND owner_node = ?", victimId, killed);
            long subscriptionGone = awaitZero(config, "SELECT count(*) FROM ferry_queue WHERE owner_node = ?",
                    victimId, killed);
            Connection heir = null;
            while (heir == null) {
                Connection candidate = new FerryConnectionFactory(config).createConnection();
                try {
                    candidate.setClientID("cluster-app");
                    heir = candidate;
                } catch (InvalidClientIDException stillClaimed) {
                    candidate.close();
                    assertThat(System.nanoTime() - killed).as("client ID still claimed")
                            .isLessThan(TimeUnit.SECONDS.toNanos(30));
                    Thread.sleep(50);
                }
            }
            long clientIdFree = millisSince(killed);
            heirs.add(heir);
            Session heirSession = heir.createSession(false, Session.AUTO_ACKNOWLEDGE);
            heir.start();
            MessageConsumer resumed = null;
            while (resumed == null) {
                try {
                    resumed = heirSession.createDurableConsumer(topic, "audit");
                } catch (IllegalStateException stillClaimed) {
                    assertThat(System.nanoTime() - killed).as("durable subscription still claimed")
                            .isLessThan(TimeUnit.SECONDS.toNanos(30));
                    Thread.sleep(50);
                }
            }
            long durableResumed = millisSince(killed);
            Message audit = resumed.receive(10_000);
            assertThat(audit).as("the backlog of the resumed durable subscription").isNotNull();
            assertThat(((TextMessage) audit).getText()).isEqualTo("kept for audit");

            Thread.sleep(1_000); // the survivors go on producing after the failover
            for (Process node : List.of(nodes.get(0), nodes.get(2))) {
                assertThat(node.isAlive()).as("a survivor died").isTrue();
                command(node, "STOP");
            }
            long drainStart = System.nanoTime();
            while (count(config, "SELECT count(*) FROM ferry_delivery d JOIN ferry_queue q ON q.id = d.queue_id "
                    + "JOIN ferry_destination t ON t.id = q.destination_id WHERE t.name = ?", QUEUE) > 0) {
                assertThat(System.nanoTime() - drainStart).as("the survivors drain the queue")
                        .isLessThan(TimeUnit.SECONDS.toNanos(60));
                Thread.sleep(100);
            }
            long drained = millisSince(drainStart);
            Thread.sleep(500); // the last acknowledgements' ACKED lines follow their commits
            try (OutputStream out = Files.newOutputStream(events, java.nio.file.StandardOpenOption.APPEND)) {
                out.write("DRAINED\n".getBytes(StandardCharsets.US_ASCII));
            }
            for (Process node : List.of(nodes.get(0), nodes.get(2))) {
                command(node, "EXIT");
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            DeliveryLedger ledger = new DeliveryLedger();
            ledger.read("cluster", EventLog.completeLines(events));
            List<String> problems = ledger.problems();
            System.out.printf("cluster failover: %d sent, %d deliveries, %d duplicates, %d acknowledged, "
                            + "%d rolled-back sends, %d lost, %d problems; the victim held %d leases at the kill; "
                            + "after kill -9 (lease %d ms, heartbeat 500 ms): leases back in %d ms, node reaped in "
                            + "%d ms, temporary queue gone in %d ms, non-durable subscription gone in %d ms, "
                            + "client ID free in %d ms, durable subscription resumed in %d ms (start-up of the JVMs "
                            + "%d ms, drain %d ms)%n",
                    ledger.sent(), ledger.deliveries(), ledger.duplicates(), ledger.acknowledged(),
                    ledger.rolledBack(), ledger.lost().size(), problems.size(), leasedAtKill, LEASE_MILLIS,
                    leasesBack, reaped, temporaryGone, subscriptionGone, clientIdFree, durableResumed, startUp,
                    drained);
            problems.forEach(problem -> System.out.println("  " + problem));
            assertThat(ledger.sent()).isPositive();
            assertThat(problems).as("broken delivery promises").isEmpty();
            assertThat(leasesBack).as("leases back within lease + heartbeat + slack").isLessThan(LEASE_MILLIS + 8_000);
            assertThat(clientIdFree).isLessThan(LEASE_MILLIS + 8_000);
            assertThat(durableResumed).isLessThan(LEASE_MILLIS + 8_000);
        } finally {
            for (Connection heir : heirs) {
                heir.close();
            }
            if (observer != null) {
                observer.close();
            }
            nodes.forEach(Process::destroyForcibly);
        }
    }

    // ---- the child JVMs ----------------------------------------------------------------------------------

    private static Path writeConfig(FerryConfig config, Path folder) throws IOException {
        Properties properties = new Properties();
        properties.putAll(config.explicitValues());
        Path file = folder.resolve("ferry.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "cluster test node configuration");
        }
        return file;
    }

    private static Process start(Path folder, int n, Path config, Path events, boolean holder) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                "NODE", "n" + n, config.toString(), events.toString(), QUEUE, "0"));
        if (holder) {
            command.add("holder");
        }
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("node-" + n + ".out").toFile())
                .start();
    }

    private static void awaitReady(List<Process> nodes, Path events, Path folder)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (EventLog.completeLines(events).stream().filter("READY"::equals).count() < nodes.size()) {
            for (int i = 0; i < nodes.size(); i++) {
                if (!nodes.get(i).isAlive()) {
                    throw new AssertionError("node " + (i + 1) + " exited before it was ready: "
                            + output(folder, i + 1));
                }
            }
            assertThat(System.nanoTime()).as("nodes ready in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void command(Process node, String line) throws IOException {
        OutputStream in = node.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    private static String output(Path folder, int n) {
        try {
            String text = Files.readString(folder.resolve("node-" + n + ".out"));
            return text.length() > 4_000 ? "…" + text.substring(text.length() - 4_000) : text;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    // ---- the database, as an operator would look at it ----------------------------------------------------

    private static String nodeIdOf(FerryConfig config, long pid) throws SQLException {
        try (java.sql.Connection c = TestDatabase.connect(config);
             PreparedStatement statement = c.prepareStatement("SELECT id FROM ferry_node WHERE pid = ?")) {
            statement.setLong(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as("node of process %d registered", pid).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static long count(FerryConfig config, String sql, String parameter) throws SQLException {
        try (java.sql.Connection c = TestDatabase.connect(config);
             PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Milliseconds from {@code since} until the count is zero (polled every 20 ms, at most 30 s). */
    private static long awaitZero(FerryConfig config, String sql, String parameter, long since)
            throws SQLException, InterruptedException {
        while (count(config, sql, parameter) > 0) {
            assertThat(System.nanoTime() - since).as("%s reaches zero", sql).isLessThan(TimeUnit.SECONDS.toNanos(30));
            Thread.sleep(20);
        }
        return millisSince(since);
    }

    private static long millisSince(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
