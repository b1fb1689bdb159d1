package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.ferry.store.testing.Messages.bodyText;
import static org.assertj.core.api.Assertions.assertThat;

class DurabilityTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void reopenedStoreHasTheMessagesOfTheClosedOne(TestDatabase database) {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("kept")));
        }
        try (MessageStore reopened = MessageStores.open(config)) {
            Destination queue = reopened.findDestination("orders", DestinationKind.QUEUE).orElseThrow();
            assertThat(reopened.claim(queue.queueId(), 10)).extracting(d -> bodyText(d.message()))
                    .containsExactly("kept");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void reopenedStoreContinuesTheIdsOfTheClosedOne(TestDatabase database) {
        FerryConfig config = database.newConfig();
        long firstId;
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("first")));
            firstId = store.claim(queue.queueId(), 1).get(0).deliveryId();
        }
        try (MessageStore reopened = MessageStores.open(config)) {
            Destination queue = reopened.findDestination("orders", DestinationKind.QUEUE).orElseThrow();
            reopened.commit(new UnitOfWork().send(queue.id(), Messages.text("second")));
            List<Delivery> claimed = reopened.claim(queue.queueId(), 10);
            assertThat(claimed).extracting(Delivery::deliveryId).doesNotHaveDuplicates().contains(firstId);
        }
    }

    /** DESIGN.md #1 and #7: a send has happened when its commit has returned, even if the JVM is killed next. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void messagesCommittedBeforeTheJvmIsKilledSurvive(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashingSender.class.getName());
        for (Map.Entry<String, String> value : config.explicitValues().entrySet()) {
            command.add(value.getKey() + "=" + value.getValue());
        }
        command.add("200");
        Process sender = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = output.readLine()) != null && !line.startsWith("COMMITTED")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("sender output:\n" + seen).isEqualTo("COMMITTED 200");
            sender.destroyForcibly(); // SIGKILL: no shutdown hook, no database close
            assertThat(sender.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            sender.destroyForcibly();
        }

        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.findDestination("orders", DestinationKind.QUEUE).orElseThrow();
            // with H2's default WRITE_DELAY of 500 ms some 30 of the 200 were lost here
            assertThat(store.statistics(queue.queueId()).ready()).isEqualTo(200);
        }
    }
}
