package dev.ferry.console.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.admin.MessageSummary;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesViewTest extends ConsoleViewTest {

    private MessagesView open(Destination queue) {
        return navigate(MessagesView.class, Map.of("queueId", Long.toString(queue.queueId())));
    }

    private static List<MessageSummary> rows(MessagesView view) {
        return view.grid.getListDataView().getItems().toList();
    }

    @Test
    void queueIsBrowsedPageByPageWithKeysetCursors() throws Exception {
        String name = unique("pages");
        send(name, 120, "north");
        signInAsViewer();
        MessagesView view = open(queue(name));
        assertThat(rows(view)).hasSize(MessagesView.PAGE_SIZE);
        long firstId = rows(view).get(0).deliveryId();
        test(view.next).click();
        assertThat(rows(view)).hasSize(MessagesView.PAGE_SIZE);
        test(view.next).click();
        assertThat(rows(view)).hasSize(20);
        assertThat(view.next.isEnabled()).isFalse();
        test(view.previous).click();
        test(view.previous).click();
        assertThat(rows(view).get(0).deliveryId()).isEqualTo(firstId);
        assertThat(view.pageInfo.getText()).startsWith("Page 1");
    }

    @Test
    void everyOrderStartsAtItsFirstRowAndTheFirstPageHasNoPrevious() throws Exception {
        String name = unique("orders");
        try (JMSContext context = factory.createContext()) {
            for (int priority : new int[] {3, 9, 0, 7}) {
                context.createProducer().setPriority(priority).send(context.createQueue(name), "p" + priority);
            }
        }
        signInAsViewer();
        MessagesView view = open(queue(name));
        List<Long> arrival = rows(view).stream().map(MessageSummary::deliveryId).toList();
        assertThat(arrival).isSorted().hasSize(4);
        assertThat(view.previous.isEnabled()).isFalse();
        test(view.grid).sortByColumn("arrival", com.vaadin.flow.data.provider.SortDirection.DESCENDING);
        assertThat(rows(view).stream().map(MessageSummary::deliveryId).toList())
                .containsExactlyElementsOf(arrival.reversed());
        test(view.grid).sortByColumn("priority", com.vaadin.flow.data.provider.SortDirection.DESCENDING);
        assertThat(rows(view).stream().map(MessageSummary::priority).toList()).containsExactly(9, 7, 3, 0);
        test(view.grid).sortByColumn("priority", com.vaadin.flow.data.provider.SortDirection.ASCENDING);
        assertThat(rows(view).stream().map(MessageSummary::priority).toList()).containsExactly(0, 3, 7, 9);
        assertThat(view.previous.isEnabled()).isFalse();
    }

    @Test
    void selectorFilterShowsOnlyMatchingMessages() throws Exception {
        String name = unique("filter");
        send(name, 5, "north");
        send(name, 4, "south");
        signInAsViewer();
        MessagesView view = open(queue(name));
        test(view.selector).setValue("region = 'south' AND n > 1");
        test(view.apply).click();
        assertThat(rows(view)).hasSize(2);
        assertThat(view.selector.isInvalid()).isFalse();
    }

    @Test
    void selectorSyntaxErrorIsShownAtTheFieldWithItsColumn() throws Exception {
        String name = unique("syntax");
        send(name, 2, "north");
        signInAsViewer();
        MessagesView view = open(queue(name));
        test(view.selector).setValue("region = 'north' AND");
        test(view.apply).click();
        assertThat(view.selector.isInvalid()).isTrue();
        assertThat(view.selector.getErrorMessage()).contains("column 21");
        assertThat(rows(view)).hasSize(2); // the last good result stays
    }

    @Test
    void bodyTextAndCorrelationFiltersNarrowTheResult() throws Exception {
        String name = unique("body");
        try (JMSContext context = factory.createContext()) {
            context.createProducer().setJMSCorrelationID("c-1").send(context.createQueue(name), "apples and pears");
            context.createProducer().setJMSCorrelationID("c-2").send(context.createQueue(name), "plums");
        }
        signInAsViewer();
        MessagesView view = open(queue(name));
        test(view.bodyText).setValue("pears");
        test(view.apply).click();
        assertThat(rows(view)).singleElement().extracting(MessageSummary::correlationId).isEqualTo("c-1");
        test(view.bodyText).setValue("");
        test(view.correlationId).setValue("c-2");
        test(view.apply).click();
        assertThat(rows(view)).singleElement().extracting(MessageSummary::correlationId).isEqualTo("c-2");
    }

    @Test
    void purgeOfAFilterResultConfirmsTheExactCountAndDeletesOnlyThose() throws Exception {
        String name = unique("purge");
        send(name, 7, "north");
        send(name, 3, "south");
        signInAsOperator();
        MessagesView view = open(queue(name));
        test(view.selector).setValue("region = 'north'");
        test(view.apply).click();
        test(view.purge).click();
        ConfirmDialog dialog = confirmation();
        assertThat(test(dialog).getText()).startsWith("Delete 7 messages in " + name + " matching selector=region = 'north'?");
        test(dialog).confirm();
        assertThat(lastJobFinished().completion().toCompletableFuture().get().touched()).isEqualTo(7);
        assertThat(depth(name)).isEqualTo(3);
    }

    @Test
    void cancelledConfirmationChangesNothing() throws Exception {
        String name = unique("cancel");
        send(name, 4, "north");
        signInAsOperator();
        MessagesView view = open(queue(name));
        test(view.purge).click();
        test(confirmation()).cancel();
        assertThat(depth(name)).isEqualTo(4);
    }

    @Test
    void tickedMessagesAreDeleted() throws Exception {
        String name = unique("delete");
        send(name, 5, "north");
        signInAsOperator();
        MessagesView view = open(queue(name));
        test(view.grid).select(0);
        test(view.grid).select(1);
        test(view.deleteSelected).click();
        assertThat(test(confirmation()).getText()).startsWith("Delete 2 messages (ticked) in " + name);
        test(confirmation()).confirm();
        lastJobFinished();
        assertThat(depth(name)).isEqualTo(3);
    }

    @Test
    void allMatchingMessagesMoveToAnotherQueue() throws Exception {
        String name = unique("move-from");
        String target = unique("move-to");
        send(name, 6, "north");
        signInAsOperator();
        MessagesView view = open(queue(name));
        test(view.moveMatching).click();
        Dialog ask = $(Dialog.class).single();
        @SuppressWarnings("unchecked")
        ComboBox<String> targetField = $(ComboBox.class, ask).id("move-target");
        targetField.setValue(target);
        test($(Button.class, ask).id("move-continue")).click();
        assertThat(test(confirmation()).getText()).startsWith("Move 6 messages in " + name);
        test(confirmation()).confirm();
        lastJobFinished();
        assertThat(depth(name)).isZero();
        assertThat(depth(target)).isEqualTo(6);
    }

    @Test
    void tickedDeadLettersAreReplayedToTheirOriginalQueue() throws Exception {
        String name = unique("replay");
        Destination origin = queue(name);
        store.updatePolicy(origin.id(), new DestinationPolicy(null, 1, null, null, null, null, false));
        send(name, 1, "north");
        try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            context.createConsumer(context.createQueue(name)).receive(5_000);
            context.rollback(); // its only attempt: dead-lettered
        }
        Destination dlq = queue("DLQ");
        Delivery dead = store.browse(dlq.queueId(), 0, 1_000).stream()
                .filter(d -> name.equals(d.originalDestination())).findFirst().orElseThrow();
        signInAsOperator();
        MessagesView view = open(dlq);
        int index = rows(view).stream().map(MessageSummary::deliveryId).toList().indexOf(dead.deliveryId());
        test(view.grid).select(index);
        test(view.replaySelected).click();
        ReplayDialog options = $(ReplayDialog.class).single();
        test(options.deny).setValue("n"); // drop property n, keep region
        test(options.next).click();
        assertThat(test(confirmation()).getText()).startsWith("Replay 1 message (ticked) in DLQ");
        test(confirmation()).confirm();
        assertThat(lastJobFinished().completion().toCompletableFuture().get().touched()).isEqualTo(1);
        assertThat(depth(name)).isEqualTo(1);
        assertThat(store.browse(origin.queueId(), 0, 10).get(0).deliveryCount()).isZero();
        try (JMSContext context = factory.createContext()) {
            jakarta.jms.Message replayed = context.createConsumer(context.createQueue(name)).receive(5_000);
            assertThat(replayed.getStringProperty("region")).isEqualTo("north");
            assertThat(replayed.propertyExists("n")).isFalse();
        }
    }

    @Test
    void viewerIsRefusedPurgeOnTheServerAndNothingIsDeleted() throws Exception {
        String name = unique("refused");
        send(name, 3, "north");
        signInAsViewer();
        MessagesView view = open(queue(name));
        test(view.purge).click();
        assertThat(notifications()).contains("Refused: victor may not delete messages: it needs the operator role");
        assertThat($(ConfirmDialog.class).exists()).isFalse();
        assertThat(depth(name)).isEqualTo(3);
    }

    @Test
    void operatorSendsATestMessage() throws Exception {
        String name = unique("test-send");
        queue(name);
        signInAsOperator();
        MessagesView view = open(queue(name));
        test(view.sendTest).click();
        Dialog dialog = $(Dialog.class).single();
        $(TextArea.class, dialog).id("test-body").setValue("ping");
        $(TextArea.class, dialog).id("test-properties").setValue("origin=console");
        test($(Button.class, dialog).id("test-send")).click();
        assertThat(depth(name)).isEqualTo(1);
        assertThat(rows(view)).hasSize(1);
    }
}
