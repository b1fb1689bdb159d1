package dev.ferry.jms.crash;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.jms.xa.FerryXid;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md #4 under {@code kill -9}: a separate JVM receives two of three messages and sends two replies in one
 * XA branch, prepares it and is killed before the commit. The test then opens the store again (as the restarted
 * application, or another node, would), finds the branch with {@code recover}, and completes it: a commit makes
 * exactly the replies visible and consumes exactly the two requests; a rollback drops the replies and redelivers
 * the two requests, marked redelivered. Until then the prepared branch's messages are neither visible nor freed
 * by lease recovery.
 */
class XaCrashRecoveryTest {

    static final int FORMAT_ID = 0x46455259; // "FERY"
    private static final long PREPARE_TIMEOUT_MILLIS = 90_000;
    private static final long RECEIVE_MILLIS = 10_000;
    /** Longer than the lease timeout (2 s), so that anything a lease still held would have come back. */
    private static final long QUIET_MILLIS = 2_500;
    private static final String INPUT = "xa-crash-in";
    private static final String OUTPUT = "xa-crash-out";

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void branchPreparedByKilledJvmIsRecoveredAndCommitted(TestDatabase database, @TempDir Path folder)
            throws Exception {
        try (Recovered recovered = killAfterPrepare(database, folder)) {
            recovered.resource.commit(recovered.xid, false);

            assertThat(recovered.receiveAll(OUTPUT)).containsExactlyInAnyOrder("reply to request-1",
                    "reply to request-2");
            assertThat(recovered.receiveWhatIsLeft(INPUT)).as("the consumed requests are gone").isEmpty();
            assertThat(recovered.resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void branchPreparedByKilledJvmIsRecoveredAndRolledBack(TestDatabase database, @TempDir Path folder)
            throws Exception {
        try (Recovered recovered = killAfterPrepare(database, folder)) {
            recovered.resource.rollback(recovered.xid);

            assertThat(recovered.receiveWhatIsLeft(OUTPUT)).as("the replies were never sent").isEmpty();
            List<Message> requests = recovered.receiveMessages(INPUT);
            assertThat(requests).extracting(m -> ((TextMessage) m).getText())
                    .containsExactlyInAnyOrder("request-1", "request-2");
            for (Message request : requests) {
                assertThat(request.getJMSRedelivered()).isTrue();
                assertThat(request.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
            }
            assertThat(recovered.resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        }
    }

    /**
     * Sends three requests, lets a child JVM prepare a branch over two of them and kills it; returns the store
     * opened again with the in-doubt branch found by {@code recover}, the third request already taken out.
     */
    private static Recovered killAfterPrepare(TestDatabase database, Path folder) throws Exception {
        FerryConfig config = database.newConfig(Map.of(
                FerryProperties.PREFETCH.key(), "1",
                FerryProperties.LEASE_TIMEOUT.key(), "2s",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "500ms"));
        try (Connection connection = new FerryConnectionFactory(config).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue(INPUT));
            for (int i = 1; i <= 3; i++) {
                producer.send(session.createTextMessage("request-" + i));
            }
        } // the last connection closes the store: an embedded H2 database is the child's alone now

        String globalId = "xa-crash-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path marker = folder.resolve("prepared");
        Process child = start(folder, writeConfig(config, folder), globalId, marker);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PREPARE_TIMEOUT_MILLIS);
            while (!Files.exists(marker) || !Files.readString(marker).contains("PREPARED")) {
                assertThat(child.isAlive()).as("child alive; %s", output(folder)).isTrue();
                assertThat(System.nanoTime()).as("child prepared in time; %s", output(folder)).isLessThan(deadline);
                Thread.sleep(50);
            }
            child.destroyForcibly(); // SIGKILL between prepare and commit
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        Recovered recovered = new Recovered(config, new FerryXid(FORMAT_ID,
                globalId.getBytes(StandardCharsets.US_ASCII), new byte[] {1}));
        try {
            Xid[] inDoubt = recovered.resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertThat(inDoubt).containsExactly(recovered.xid);
            assertThat(recovered.receiveWhatIsLeft(OUTPUT)).as("prepared replies are not visible").isEmpty();
            assertThat(recovered.receiveAll(INPUT)).as("prepared requests stay held; lease recovery leaves them")
                    .containsExactly("request-3");
            return recovered;
        } catch (Exception | AssertionError e) {
            recovered.close();
            throw e;
        }
    }

    /** The store opened again after the kill, with an XA resource on it. */
    private static final class Recovered implements AutoCloseable {
        final XAConnection connection;
        final XAResource resource;
        final Xid xid;
        final Session session;

        Recovered(FerryConfig config, Xid xid) throws Exception {
            this.connection = new FerryXAConnectionFactory(config).createXAConnection();
            this.connection.start();
            this.resource = connection.createXASession().getXAResource();
            this.session = connection.createSession();
            this.xid = xid;
        }

        /** Receives (and acknowledges) every message of a queue: waits for the first, then until it is quiet. */
        List<Message> receiveMessages(String queue) throws Exception {
            return receiveMessages(queue, RECEIVE_MILLIS);
        }

        List<Message> receiveMessages(String queue, long firstWaitMillis) throws Exception {
            List<Message> messages = new ArrayList<>();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                Message message = consumer.receive(firstWaitMillis);
                while (message != null) {
                    messages.add(message);
                    message = consumer.receive(QUIET_MILLIS);
                }
            }
            return messages;
        }

        List<String> receiveAll(String queue) throws Exception {
            return texts(receiveMessages(queue));
        }

        /** What a queue expected to stay empty yields within a quiet period (longer than the lease timeout). */
        List<String> receiveWhatIsLeft(String queue) throws Exception {
            return texts(receiveMessages(queue, QUIET_MILLIS));
        }

        private static List<String> texts(List<Message> messages) throws Exception {
            List<String> texts = new ArrayList<>();
            for (Message message : messages) {
                texts.add(((TextMessage) message).getText());
            }
            return texts;
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private static String writeConfig(FerryConfig config, Path folder) throws IOException {
        Properties properties = new Properties();
        properties.putAll(config.explicitValues());
        Path file = folder.resolve("ferry.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "XA crash test child configuration");
        }
        return file.toString();
    }

    private static Process start(Path folder, String config, String globalId, Path marker) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                XaCrashChild.class.getName(),
                config, globalId, INPUT, OUTPUT, "2", marker.toString());
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("child.out").toFile())
                .start();
    }

    private static String output(Path folder) {
        try {
            String text = Files.readString(folder.resolve("child.out"));
            return text.length() > 4_000 ? "…" + text.substring(text.length() - 4_000) : text;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
