package dev.ferry.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.admin.AuditQuery;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageViewTest extends ConsoleViewTest {

    private MessageView open(long deliveryId) {
        return navigate(MessageView.class, Map.of("deliveryId", Long.toString(deliveryId)));
    }

    private static long firstDelivery(String queueName) {
        return store.browse(queue(queueName).queueId(), 0, 1).get(0).deliveryId();
    }

    @Test
    void headersPropertiesAndIndentedJsonBodyAreShown() throws Exception {
        String name = unique("detail");
        send(name, 1, "north");
        signInAsViewer();
        MessageView view = open(firstDelivery(name));
        assertThat(view.headers.getListDataView().getItems().map(Map.Entry::getKey))
                .contains("JMSMessageID", "JMSTimestamp", "JMSDeliveryMode", "JMSPriority");
        assertThat(view.properties.getListDataView().getItems())
                .anyMatch(p -> p.name().equals("region") && p.value().equals("north"));
        assertThat(view.body.getElement().getTextRecursively()).contains("{\n  \"n\": 0\n}");
    }

    @Test
    void bodyIsHiddenFromViewersWhenTheSettingSaysSo() throws Exception {
        String name = unique("hidden");
        send(name, 1, "north");
        hideBodiesFromViewers();
        signInAsViewer();
        MessageView view = open(firstDelivery(name));
        assertThat(view.body.getElement().getTextRecursively()).contains("hidden from viewers")
                .doesNotContain("\"n\"");
        assertThat(view.properties.getListDataView().getItems()).isNotEmpty();
        signInAsOperator();
        view.show();
        assertThat(view.body.getElement().getTextRecursively()).contains("\"n\": 0");
    }

    @Test
    void goneMessageIsReportedNotAnError() {
        signInAsViewer();
        MessageView view = open(Long.MAX_VALUE);
        assertThat(view.title.getText()).contains("is gone");
        assertThat(view.replay.isEnabled()).isFalse();
    }

    @Test
    void editedDeadLetterIsReplayedAndTheOriginalKeptInTheAuditLog() throws Exception {
        String name = unique("edit");
        Destination origin = queue(name);
        store.updatePolicy(origin.id(), new DestinationPolicy(null, 1, null, null, null, null, false));
        try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            context.createProducer().send(context.createQueue(name), "{\"amount\": \"12,50\"}");
            context.commit();
            context.createConsumer(context.createQueue(name)).receive(5_000);
            context.rollback();
        }
        Delivery dead = store.browse(queue("DLQ").queueId(), 0, 10_000).stream()
                .filter(d -> name.equals(d.originalDestination())).findFirst().orElseThrow();
        signInAsOperator();
        MessageView view = open(dead.deliveryId());
        assertThat(view.history.getText()).contains("originally sent to " + name);
        test(view.editReplay).click();
        Dialog dialog = $(Dialog.class).single();
        $(TextArea.class, dialog).id("edit-body").setValue("{\"amount\": 12.50}");
        test($(Button.class, dialog).id("edit-replay-send")).click();
        try (JMSContext context = factory.createContext()) {
            TextMessage replayed = (TextMessage) context.createConsumer(context.createQueue(name)).receive(5_000);
            assertThat(replayed.getText()).isEqualTo("{\"amount\": 12.50}");
        }
        assertThat(store.administration().audit(AuditQuery.latest(20)))
                .anyMatch(entry -> entry.operator().equals("olga") && entry.detail() != null
                        && entry.detail().contains("12,50"));
    }
}
