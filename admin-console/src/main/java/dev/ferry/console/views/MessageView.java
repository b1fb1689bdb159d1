package dev.ferry.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.Role;
import dev.ferry.console.services.MessageDetails;
import dev.ferry.console.services.TestMessages;
import dev.ferry.jms.message.BodyType;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.admin.MessageDetail;
import dev.ferry.store.admin.MessageEdit;
import dev.ferry.store.admin.Preview;
import dev.ferry.store.admin.ReplayOptions;
import dev.ferry.store.admin.Selection;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message: every header and property, the body by type (text with JSON and XML indented, bytes as hex and
 * text, map and stream as tables, an ObjectMessage as class name and size only: the console never deserializes
 * it), and its delivery history. Dead letters can be replayed, or edited and replayed.
 */
@Route(value = "message/:deliveryId", layout = MainLayout.class)
@PageTitle("Message · Ferry console")
public class MessageView extends VerticalLayout implements BeforeEnterObserver {

    private static final long serialVersionUID = 1L;

    final H2 title = new H2("Message");
    final Grid<Map.Entry<String, String>> headers = new Grid<>();
    final Grid<MessageDetails.Property> properties = new Grid<>();
    final Div body = new Div();
    final Paragraph history = new Paragraph();
    final Button replay = new Button("Replay to original destination");
    final Button editReplay = new Button("Edit and replay…");
    final Button delete = new Button("Delete");
    final Button back = new Button("Back to the queue");
    private long deliveryId;
    private MessageDetails details;

    public MessageView() {
        setSizeFull();
        headers.setId("message-headers");
        headers.addThemeVariants(GridVariant.LUMO_COMPACT);
        headers.addColumn(Map.Entry::getKey).setHeader("Header").setAutoWidth(true).setFlexGrow(0);
        headers.addColumn(Map.Entry::getValue).setHeader("Value");
        headers.setAllRowsVisible(true);
        properties.setId("message-properties");
        properties.addThemeVariants(GridVariant.LUMO_COMPACT);
        properties.addColumn(MessageDetails.Property::name).setHeader("Property").setAutoWidth(true);
        properties.addColumn(MessageDetails.Property::value).setHeader("Value").setFlexGrow(2);
        properties.addColumn(MessageDetails.Property::type).setHeader("Type").setAutoWidth(true);
        properties.setAllRowsVisible(true);
        body.setId("message-body");
        body.setWidthFull();
        history.setId("message-history");
        replay.setId("replay-message");
        editReplay.setId("edit-replay-message");
        delete.setId("delete-message");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        replay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        replay.addClickListener(click -> replay());
        editReplay.addClickListener(click -> openEdit());
        delete.addClickListener(click -> delete());
        back.addClickListener(click -> backToQueue());
        add(title, new HorizontalLayout(back, replay, editReplay, delete), history, new H3("Headers"), headers,
                new H3("Properties"), properties, new H3("Body"), body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        deliveryId = event.getRouteParameters().get("deliveryId").map(text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        show();
    }

    void show() {
        Optional<MessageDetails> loaded;
        try {
            loaded = ViewSupport.services().message(ViewSupport.user(), deliveryId);
        } catch (JMSException e) {
            title.setText("Message " + deliveryId + " cannot be read: " + e.getMessage());
            return;
        }
        if (loaded.isEmpty()) {
            details = null;
            title.setText("Message " + deliveryId + " is gone (consumed, purged or moved)");
            headers.setItems(List.of());
            properties.setItems(List.of());
            body.removeAll();
            replay.setEnabled(false);
            editReplay.setEnabled(false);
            delete.setEnabled(false);
            return;
        }
        details = loaded.get();
        MessageDetail detail = details.detail();
        MessageRecord record = detail.delivery().message();
        title.setText("Message " + record.messageId());
        headers.setItems(List.copyOf(details.headers().entrySet()));
        properties.setItems(details.properties());
        history.setText(history(detail));
        showBody(details.body());
        boolean deadLetter = detail.delivery().originalDestination() != null;
        replay.setEnabled(deadLetter);
        editReplay.setEnabled(deadLetter && record.bodyType() == BodyType.TEXT.code());
        delete.setEnabled(true);
    }

    private static String history(MessageDetail detail) {
        StringBuilder text = new StringBuilder("In ").append(detail.queueName()).append(" · ")
                .append(detail.state().name().toLowerCase().replace('_', ' '))
                .append(" · delivered ").append(detail.delivery().deliveryCount()).append(" time(s)");
        if (detail.leaseOwner() != null) {
            text.append(" · leased by node ").append(detail.leaseOwner()).append(" until ")
                    .append(ViewSupport.time(detail.leaseExpiresAt()));
        }
        if (detail.delivery().originalDestination() != null) {
            text.append(" · originally sent to ").append(detail.delivery().originalDestination());
        }
        if (detail.delivery().failureReason() != null) {
            text.append(" · last failure: ").append(detail.delivery().failureReason());
        }
        if (detail.replayCount() > 0) {
            text.append(" · replayed ").append(detail.replayCount()).append(" time(s), last by ")
                    .append(detail.lastReplayedBy()).append(" at ").append(ViewSupport.time(detail.lastReplayedAt()));
        }
        return text.toString();
    }

    private void showBody(MessageDetails.Body shown) {
        body.removeAll();
        switch (shown.kind()) {
            case HIDDEN -> body.add(new Paragraph("Bodies are hidden from viewers on this console."));
            case NONE -> body.add(new Paragraph("No body."));
            case TEXT -> {
                Pre text = new Pre(shown.text());
                text.addClassName("ferry-body");
                text.setId("body-text");
                body.add(new Paragraph("Text, " + ViewSupport.count(shown.size()) + " bytes"
                        + (shown.format() == null ? "" : ", " + shown.format() + " (indented)")), text);
            }
            case BYTES -> {
                Pre hex = new Pre(String.join("\n", shown.hexLines()));
                hex.addClassName("ferry-body");
                hex.setId("body-hex");
                body.add(new Paragraph("Bytes, " + ViewSupport.count(shown.size()) + " bytes"), hex);
            }
            case MAP, STREAM -> {
                Grid<MessageDetails.Property> entries = new Grid<>();
                entries.setId("body-entries");
                entries.addThemeVariants(GridVariant.LUMO_COMPACT);
                entries.addColumn(MessageDetails.Property::name)
                        .setHeader(shown.kind() == MessageDetails.Kind.MAP ? "Name" : "Index");
                entries.addColumn(MessageDetails.Property::value).setHeader("Value");
                entries.addColumn(MessageDetails.Property::type).setHeader("Type");
                entries.setItems(shown.entries());
                entries.setAllRowsVisible(true);
                body.add(new Paragraph((shown.kind() == MessageDetails.Kind.MAP ? "Map" : "Stream") + ", "
                        + shown.entries().size() + " entries"), entries);
            }
            case OBJECT -> {
                Paragraph object = new Paragraph("ObjectMessage of class " + shown.className() + ", "
                        + ViewSupport.count(shown.size()) + " bytes serialized (never deserialized by the console)");
                object.setId("body-object");
                body.add(object);
            }
            default -> throw new IllegalStateException("unknown body kind " + shown.kind());
        }
    }

    private Selection selection() {
        return Selection.ids(details.detail().delivery().queueId(), List.of(deliveryId));
    }

    void replay() {
        if (details == null) {
            return;
        }
        ConsoleUser user = ViewSupport.user();
        ViewSupport.attempt(() -> {
            ViewSupport.services().authorize(user, Role.OPERATOR, "replay messages");
            new ReplayDialog(ViewSupport.services().settings(), options -> ViewSupport.attempt(() -> {
                Preview preview = ViewSupport.services().preview(user, selection());
                String to = options.target() == null ? details.detail().delivery().originalDestination() : options.target();
                Confirmation.open("Replay", "Replay", "to " + to, preview, () -> ViewSupport.attempt(() -> {
                    var job = ViewSupport.services().replayDeadLetters(user, selection(), options);
                    var result = job.await(java.time.Duration.ofMinutes(1));
                    ViewSupport.success(JobPanel.describe(result));
                    show();
                }));
            })).open();
        });
    }

    void delete() {
        if (details == null) {
            return;
        }
        ConsoleUser user = ViewSupport.user();
        ViewSupport.attempt(() -> {
            ViewSupport.services().authorize(user, Role.OPERATOR, "delete messages");
            Preview preview = ViewSupport.services().preview(user, selection());
            Confirmation.open("Delete", "Delete", "from " + details.detail().queueName(), preview,
                    () -> ViewSupport.attempt(() -> {
                        var result = ViewSupport.services().delete(user, selection()).await(java.time.Duration.ofMinutes(1));
                        ViewSupport.success(JobPanel.describe(result));
                        backToQueue();
                    }));
        });
    }

    /** Change body, correlation id, type or priority of a dead letter and send it again; the original is audited. */
    void openEdit() {
        if (details == null) {
            return;
        }
        ConsoleUser user = ViewSupport.user();
        ViewSupport.attempt(() -> {
            ViewSupport.services().authorize(user, Role.OPERATOR, "edit and replay messages");
            MessageRecord record = details.detail().delivery().message();
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Edit and replay to " + details.detail().delivery().originalDestination());
            TextArea text = new TextArea("Body");
            text.setId("edit-body");
            text.setWidthFull();
            text.setValue(details.body().text() == null ? "" : details.body().text());
            TextField correlation = new TextField("Correlation ID");
            correlation.setValue(record.correlationId() == null ? "" : record.correlationId());
            TextField type = new TextField("JMSType");
            type.setValue(record.type() == null ? "" : record.type());
            IntegerField priority = new IntegerField("Priority");
            priority.setMin(0);
            priority.setMax(9);
            priority.setValue(record.priority());
            Button send = new Button("Replay edited message", click -> {
                MessageEdit edit = new MessageEdit(TestMessages.textBody(text.getValue()), null,
                        correlation.getValue().isBlank() ? null : correlation.getValue(),
                        type.getValue().isBlank() ? null : type.getValue(), priority.getValue());
                Long id = ViewSupport.attempt(() ->
                        ViewSupport.services().editAndReplay(user, deliveryId, edit, ReplayOptions.TO_ORIGIN));
                if (id != null) {
                    dialog.close();
                    ViewSupport.success("Edited message sent to " + details.detail().delivery().originalDestination()
                            + "; the original is kept in the audit log");
                    show();
                }
            });
            send.setId("edit-replay-send");
            send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.add(new VerticalLayout(new HorizontalLayout(correlation, type, priority), text));
            dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), send);
            dialog.setWidth("720px");
            dialog.open();
        });
    }

    private void backToQueue() {
        if (details == null) {
            getUI().ifPresent(ui -> ui.navigate(MessagesView.class));
            return;
        }
        getUI().ifPresent(ui -> ui.navigate(MessagesView.class, new RouteParameters("queueId",
                Long.toString(details.detail().delivery().queueId()))));
    }
}
