package dev.ferry.jms.crash;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash on the transaction manager's side (DESIGN.md #4, "recoverable after a crash of either side"): Narayana
 * in a child JVM decides to commit a transaction in which Ferry received a request and sent a reply, and the JVM
 * dies before Ferry hears the decision. A second JVM runs Narayana's recovery on the same transaction log with a
 * Ferry recovery helper: Ferry's prepared branch is committed, the reply appears once and the request is gone.
 */
class TransactionManagerCrashTest {

    private static final String INPUT = "tm-crash-in";
    private static final String OUTPUT = "tm-crash-out";

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void transactionManagerRecoveryCommitsFerrysPreparedBranchAfterItsJvmDied(TestDatabase database,
            @TempDir Path folder) throws Exception {
        FerryConfig config = database.newConfig(Map.of(
                FerryProperties.LEASE_TIMEOUT.key(), "2s",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "500ms"));
        try (Connection connection = new FerryConnectionFactory(config).createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(INPUT)).send(session.createTextMessage("request"));
        }
        String configFile = writeConfig(config, folder);
        Path objectStore = Files.createDirectories(folder.resolve("narayana"));

        Process crash = start(folder, "CRASH", configFile, objectStore, folder.resolve("crash.marker"), true);
        assertThat(crash.waitFor(120, TimeUnit.SECONDS)).as("crash child ended").isTrue();
        assertThat(crash.exitValue()).as("halted in the second phase; %s", output(folder, "CRASH")).isEqualTo(9);
        assertThat(Files.readString(folder.resolve("crash.marker"))).contains("COMMIT DECIDED");
        try (XAConnection connection = new FerryXAConnectionFactory(config).createXAConnection()) {
            XAResource resource = connection.createXASession().getXAResource();
            assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN))
                    .as("Ferry's branch is prepared and in doubt").hasSize(1);
        }

        Process recover = start(folder, "RECOVER", configFile, objectStore, folder.resolve("recover.marker"), false);
        assertThat(recover.waitFor(120, TimeUnit.SECONDS)).as("recovery child ended").isTrue();
        assertThat(recover.exitValue()).as("recovery; %s", output(folder, "RECOVER")).isZero();

        try (XAConnection connection = new FerryXAConnectionFactory(config).createXAConnection()) {
            connection.start();
            XAResource resource = connection.createXASession().getXAResource();
            assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
            Session session = connection.createSession();
            assertThat(texts(session, OUTPUT, 10_000)).containsExactly("reply to request");
            assertThat(texts(session, INPUT, 2_500)).as("the request was consumed").isEmpty();
        }
    }

    private static List<String> texts(Session session, String queue, long firstWaitMillis) throws Exception {
        List<String> texts = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            Message message = consumer.receive(firstWaitMillis);
            while (message != null) {
                texts.add(((TextMessage) message).getText());
                message = consumer.receive(1_000);
            }
        }
        return texts;
    }

    private static String writeConfig(FerryConfig config, Path folder) throws IOException {
        Properties properties = new Properties();
        properties.putAll(config.explicitValues());
        Path file = folder.resolve("ferry.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "transaction manager crash test configuration");
        }
        return file.toString();
    }

    private static Process start(Path folder, String mode, String config, Path objectStore, Path marker,
                                 boolean halt) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dferry.test.halt=" + halt,
                "-cp", System.getProperty("java.class.path"),
                NarayanaCrashChild.class.getName(),
                mode, config, objectStore.toString(), INPUT, OUTPUT, marker.toString());
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve(mode + ".out").toFile())
                .start();
    }

    private static String output(Path folder, String mode) {
        try {
            String text = Files.readString(folder.resolve(mode + ".out"));
            return text.length() > 6_000 ? "…" + text.substring(text.length() - 6_000) : text;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
