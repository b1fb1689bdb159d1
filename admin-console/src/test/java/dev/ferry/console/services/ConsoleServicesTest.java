package dev.ferry.console.services;

import dev.ferry.console.security.AccessDeniedException;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.admin.MessageEdit;
import dev.ferry.store.admin.ReplayOptions;
import dev.ferry.store.admin.RetainedSelection;
import dev.ferry.store.admin.Selection;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every operation checks the role on the server, whatever the UI shows: a viewer is refused each of them. */
class ConsoleServicesTest {

    private static MessageStore store;
    private static ConsoleServices services;

    @BeforeAll
    static void open() {
        store = MessageStores.open(TestDatabase.H2.newConfig());
        services = new ConsoleServices(store, new ConsoleSettings(false), null);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void viewerIsRefusedEveryOperationAndTheStoreIsUnchanged() {
        ConsoleUser viewer = ConsoleUser.viewer("victor");
        long id = store.createDestinationIfAbsent("guarded", DestinationKind.QUEUE).id();
        long queueId = store.findDestination("guarded", DestinationKind.QUEUE).orElseThrow().queueId();
        services.sendTestMessage(ConsoleUser.operator("olga"), id,
                TestMessages.record(true, "x", null, null, 4, Map.of()));
        Selection all = Selection.all(queueId);
        List<Executable> actions = List.of(
                () -> services.createDestination(viewer, "new", DestinationKind.QUEUE, DestinationPolicy.DEFAULTS, Duration.ZERO),
                () -> services.deleteDestination(viewer, id),
                () -> services.configure(viewer, id, DestinationPolicy.DEFAULTS, Duration.ZERO),
                () -> services.pause(viewer, id),
                () -> services.resume(viewer, id),
                () -> services.deleteSubscription(viewer, queueId),
                () -> services.delete(viewer, all),
                () -> services.move(viewer, all, "elsewhere"),
                () -> services.replayDeadLetters(viewer, all, ReplayOptions.TO_ORIGIN),
                () -> services.replayRetained(viewer, RetainedSelection.all(id), ReplayOptions.TO_ORIGIN),
                () -> services.editAndReplay(viewer, 1, MessageEdit.NONE, ReplayOptions.TO_ORIGIN),
                () -> services.importMessages(viewer, "guarded", DestinationKind.QUEUE, new ByteArrayInputStream(new byte[0])),
                () -> services.sendTestMessage(viewer, id, TestMessages.record(true, "y", null, null, 4, Map.of())));
        for (Executable action : actions) {
            assertThatThrownBy(action::execute).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("victor may not");
        }
        assertThat(store.statistics(queueId).total()).isEqualTo(1);
        assertThat(store.findDestination("new", DestinationKind.QUEUE)).isEmpty();
        assertThat(store.findDestination("guarded", DestinationKind.QUEUE).orElseThrow().policy().paused()).isFalse();
    }

    @Test
    void viewerMayExportOnlyWhenBodiesAreShownToViewers() {
        long queueId = store.createDestinationIfAbsent("exported", DestinationKind.QUEUE).queueId();
        ConsoleServices hiding = new ConsoleServices(store, new ConsoleSettings(true), null);
        ConsoleUser viewer = ConsoleUser.viewer("victor");
        assertThatThrownBy(() -> hiding.export(viewer, Selection.all(queueId), new ByteArrayOutputStream()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(services.export(viewer, Selection.all(queueId), new ByteArrayOutputStream())
                .await(Duration.ofSeconds(10)).succeeded()).isTrue();
    }

    @Test
    void exportedMessagesImportIntoAnotherQueue() {
        ConsoleUser operator = ConsoleUser.operator("olga");
        long id = store.createDestinationIfAbsent("export-source", DestinationKind.QUEUE).id();
        long queueId = store.findDestination("export-source", DestinationKind.QUEUE).orElseThrow().queueId();
        for (int i = 0; i < 3; i++) {
            services.sendTestMessage(operator, id, TestMessages.record(true, "m" + i, "c" + i, null, 4, Map.of("k", "v")));
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        assertThat(services.export(operator, Selection.all(queueId), file).await(Duration.ofSeconds(10)).touched())
                .isEqualTo(3);
        assertThat(services.importMessages(operator, "import-target", DestinationKind.QUEUE,
                new ByteArrayInputStream(file.toByteArray())).await(Duration.ofSeconds(10)).touched()).isEqualTo(3);
        long target = store.findDestination("import-target", DestinationKind.QUEUE).orElseThrow().queueId();
        assertThat(store.statistics(target).total()).isEqualTo(3);
        assertThat(store.statistics(queueId).total()).isEqualTo(3); // an export removes nothing
    }
}
