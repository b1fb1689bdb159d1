package dev.ferry.jms.crash;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JMS 3.1 §6.2.3 (a temporary destination lives no longer than its connection) when the connection's JVM is
 * killed with SIGKILL and never closes it: the store must not keep the temporary queue and topic (no leak), and a
 * client that still holds one (from a {@code JMSReplyTo} header) gets the spec's
 * {@link InvalidDestinationException} when it sends to it. On an embedded H2 file database the next broker to open
 * the database removes them at once (the dead JVM cannot be alive: the database file is exclusive); on PostgreSQL
 * a running node removes them once the dead node's heartbeat is older than {@code ferry.lease.timeout}.
 */
class TemporaryDestinationCrashTest {

    private static final String REQUESTS = "requests";
    private static final long READY_TIMEOUT_MILLIS = 90_000;
    private static final long SWEEP_TIMEOUT_MILLIS = 15_000;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void temporaryDestinationsOfAKilledJvmAreDeletedAndCannotBeSentTo(TestDatabase database, @TempDir Path folder)
            throws Exception {
        // a short lease timeout and heartbeat: the dead node is recognised as dead within about two seconds
        FerryConfig config = database.newConfig(Map.of(
                FerryProperties.LEASE_TIMEOUT.key(), "2s",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "250ms"));
        Path events = folder.resolve("events.log");
        Process child = start(folder, writeConfig(config, folder), events);
        List<String> lines;
        try {
            lines = awaitReady(child, events, folder);
            child.destroyForcibly(); // SIGKILL: the connection is never closed
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String queueName = valueOf(lines, "QUEUE ");
        String topicName = valueOf(lines, "TOPIC ");

        try (Connection connection = new FerryConnectionFactory(config).createConnection();
             MessageStore store = MessageStores.open(config)) {
            awaitNoTemporaryDestinations(store);
            assertThat(store.findDestination(queueName, DestinationKind.QUEUE)).isEmpty();
            assertThat(store.findDestination(topicName, DestinationKind.TOPIC)).isEmpty();

            connection.start();
            Session session = connection.createSession();
            MessageConsumer requests = session.createConsumer(session.createQueue(REQUESTS));
            Destination replyToQueue = replyTo(requests);
            Destination replyToTopic = replyTo(requests);
            assertThat(replyToQueue).isInstanceOf(TemporaryQueue.class);
            assertThat(replyToTopic).isInstanceOf(TemporaryTopic.class);
            assertThat(((TemporaryQueue) replyToQueue).getQueueName()).isEqualTo(queueName);
            assertThat(((TemporaryTopic) replyToTopic).getTopicName()).isEqualTo(topicName);

            assertThatThrownBy(() -> session.createProducer(replyToQueue).send(session.createTextMessage("reply")))
                    .isInstanceOf(InvalidDestinationException.class);
            assertThatThrownBy(() -> session.createProducer(replyToTopic).send(session.createTextMessage("news")))
                    .isInstanceOf(InvalidDestinationException.class);
            assertThatThrownBy(() -> session.createProducer(null).send(replyToQueue,
                    session.createTextMessage("reply"))).isInstanceOf(InvalidDestinationException.class);
            // sending did not bring them back
            assertThat(store.findDestination(queueName, DestinationKind.QUEUE)).isEmpty();
            assertThat(store.findDestination(topicName, DestinationKind.TOPIC)).isEmpty();
        }
    }

    private static void awaitNoTemporaryDestinations(MessageStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SWEEP_TIMEOUT_MILLIS);
        while (store.destinations().stream().anyMatch(dev.ferry.store.Destination::temporary)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(store.destinations()).as("destinations left in the store")
                .noneMatch(dev.ferry.store.Destination::temporary);
    }

    private static Destination replyTo(MessageConsumer consumer) throws Exception {
        Message request = consumer.receive(10_000);
        assertThat(request).as("request sent by the killed JVM").isNotNull();
        return request.getJMSReplyTo();
    }

    private static String valueOf(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("the child did not log " + prefix + lines));
    }

    private static Path writeConfig(FerryConfig config, Path folder) throws IOException {
        Properties properties = new Properties();
        properties.putAll(config.explicitValues());
        Path file = folder.resolve("ferry.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "temporary destination crash test child configuration");
        }
        return file;
    }

    private static Process start(Path folder, Path config, Path events) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                TemporaryDestinationChild.class.getName(),
                config.toString(), events.toString(), REQUESTS);
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("child.out").toFile())
                .start();
    }

    private static List<String> awaitReady(Process child, Path events, Path folder)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (true) {
            List<String> lines = EventLog.completeLines(events);
            if (lines.contains("READY")) {
                return lines;
            }
            if (!child.isAlive()) {
                throw new AssertionError("child exited with status " + child.exitValue() + " before it was ready: "
                        + Files.readString(folder.resolve("child.out")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("child was not ready within " + READY_TIMEOUT_MILLIS + " ms: "
                        + Files.readString(folder.resolve("child.out")));
            }
            Thread.sleep(50);
        }
    }
}
