package dev.ferry.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.admin.DestinationConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationsViewTest extends ConsoleViewTest {

    private static DestinationConfiguration row(DestinationsView view, String name) {
        return view.grid.getListDataView().getItems().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void operatorCreatesAQueue() {
        String name = unique("created");
        signInAsOperator();
        DestinationsView view = navigate(DestinationsView.class);
        test(view.create).click();
        Dialog dialog = $(Dialog.class).single();
        test($(TextField.class, dialog).id("new-destination-name")).setValue(name);
        test($(Button.class, dialog).id("new-destination-create")).click();
        assertThat(store.findDestination(name, DestinationKind.QUEUE)).isPresent();
        assertThat(row(view, name).destination().kind()).isEqualTo(DestinationKind.QUEUE);
    }

    @Test
    void operatorConfiguresMaximumDeliveryAttempts() {
        String name = unique("configured");
        Destination queue = queue(name);
        signInAsOperator();
        DestinationsView view = navigate(DestinationsView.class);
        view.openConfigure(row(view, name));
        Dialog dialog = $(Dialog.class).single();
        $(IntegerField.class, dialog).id("configure-max-attempts").setValue(4);
        test($(Button.class, dialog).id("configure-save")).click();
        assertThat(store.findDestination(name, DestinationKind.QUEUE).orElseThrow().policy().maxDeliveryAttempts())
                .isEqualTo(4);
        assertThat(queue.policy().maxDeliveryAttempts()).isNull();
    }

    @Test
    void operatorPausesAndResumesDelivery() {
        String name = unique("paused");
        queue(name);
        signInAsOperator();
        DestinationsView view = navigate(DestinationsView.class);
        test(action(view.grid, row(view, name), "Pause")).click();
        assertThat(store.findDestination(name, DestinationKind.QUEUE).orElseThrow().policy().paused()).isTrue();
        test(action(view.grid, row(view, name), "Resume")).click();
        assertThat(store.findDestination(name, DestinationKind.QUEUE).orElseThrow().policy().paused()).isFalse();
        assertThat(row(view, name).destination().policy().paused()).isFalse();
    }

    @Test
    void deleteConfirmsWithTheMessageCountAndRemovesTheQueue() throws Exception {
        String name = unique("deleted");
        send(name, 3, "north");
        signInAsOperator();
        DestinationsView view = navigate(DestinationsView.class);
        test(action(view.grid, row(view, name), "Delete…")).click();
        assertThat(test(confirmation()).getText()).startsWith("Delete " + name + " with its 3 messages?");
        test(confirmation()).confirm();
        assertThat(store.findDestination(name, DestinationKind.QUEUE)).isEmpty();
    }

    @Test
    void consumedMessagesKeptByRetentionAreReplayedToTheQueue() throws Exception {
        String name = unique("retained");
        Destination queue = queue(name);
        store.administration().configure(queue.id(), queue.policy(), java.time.Duration.ofHours(1), "test");
        send(name, 3, "north");
        try (jakarta.jms.JMSContext context = factory.createContext()) {
            jakarta.jms.JMSConsumer consumer = context.createConsumer(context.createQueue(name));
            for (int i = 0; i < 3; i++) {
                assertThat(consumer.receive(5_000)).isNotNull();
            }
        }
        assertThat(depth(name)).isZero();
        signInAsOperator();
        DestinationsView view = navigate(DestinationsView.class);
        test(action(view.grid, row(view, name), "Replay consumed…")).click();
        Dialog ask = $(Dialog.class).id("replay-consumed-dialog");
        test($(Button.class, ask).id("replay-consumed-continue")).click();
        test($(ReplayDialog.class).single().next).click();
        assertThat(test(confirmation()).getText()).startsWith("Replay 3 consumed messages of " + name + " to " + name);
        test(confirmation()).confirm();
        assertThat(depth(name)).isEqualTo(3);
    }

    @Test
    void viewerIsRefusedCreatingAndPausing() {
        String name = unique("viewer-sees");
        queue(name);
        signInAsViewer();
        DestinationsView view = navigate(DestinationsView.class);
        test(view.create).click();
        assertThat($(Dialog.class).exists()).isFalse();
        test(action(view.grid, row(view, name), "Pause")).click();
        assertThat(notifications()).contains("victor may not create destinations")
                .contains("victor may not pause destinations");
        assertThat(store.findDestination(name, DestinationKind.QUEUE).orElseThrow().policy().paused()).isFalse();
    }
}
