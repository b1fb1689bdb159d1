package dev.ferry.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.Role;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.admin.DestinationConfiguration;
import dev.ferry.store.admin.QueueOverview;
import dev.ferry.store.admin.RetainedSelection;

import java.time.Duration;
import java.util.List;

/** Queues and topics: create, delete, configure (dead letters, redelivery, expiry, retention), pause and resume. */
@Route(value = "destinations", layout = MainLayout.class)
@PageTitle("Destinations · Ferry console")
public class DestinationsView extends VerticalLayout {

    private static final long serialVersionUID = 1L;

    final Grid<DestinationConfiguration> grid = new Grid<>();
    final Button create = new Button("New destination…");

    public DestinationsView() {
        setSizeFull();
        grid.setId("destinations-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(DestinationConfiguration::name).setHeader("Name").setSortable(true)
                .setComparator(DestinationConfiguration::name).setFlexGrow(2);
        grid.addColumn(d -> d.destination().kind().name().toLowerCase()).setHeader("Kind");
        grid.addColumn(d -> d.destination().policy().paused() ? "paused" : "delivering").setHeader("Delivery");
        grid.addColumn(d -> orDefault(d.destination().policy().deadLetterQueue())).setHeader("Dead-letter queue");
        grid.addColumn(d -> orDefault(d.destination().policy().maxDeliveryAttempts())).setHeader("Max attempts");
        grid.addColumn(d -> orDefault(millis(d.destination().policy().redeliveryDelayMillis()))).setHeader("Redelivery delay");
        grid.addColumn(d -> orDefault(d.destination().policy().redeliveryBackoff())).setHeader("Backoff");
        grid.addColumn(d -> orDefault(d.destination().policy().expiryQueue())).setHeader("Expiry queue");
        grid.addColumn(d -> d.retention().isZero() ? "none" : d.retention().toString().substring(2).toLowerCase())
                .setHeader("Retention");
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        create.setId("create-destination");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> openCreate());
        add(new H2("Destinations"), create, grid);
        setFlexGrow(1, grid);
    }

    private static String orDefault(Object value) {
        return value == null ? "(default)" : value.toString();
    }

    private static String millis(Long value) {
        return value == null ? null : value + " ms";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
    }

    void refresh() {
        grid.setItems(ViewSupport.services().destinations(ViewSupport.user()).stream()
                .filter(d -> !d.destination().temporary()).toList());
    }

    private HorizontalLayout actions(DestinationConfiguration destination) {
        boolean paused = destination.destination().policy().paused();
        Button pause = new Button(paused ? "Resume" : "Pause", click -> ViewSupport.attempt(() -> {
            ConsoleUser user = ViewSupport.user();
            if (paused) {
                ViewSupport.services().resume(user, destination.id());
            } else {
                ViewSupport.services().pause(user, destination.id());
            }
            refresh();
        }));
        pause.setId((paused ? "resume-" : "pause-") + destination.name());
        Button configure = new Button("Configure…", click -> openConfigure(destination));
        configure.setId("configure-" + destination.name());
        Button replayConsumed = new Button("Replay consumed…", click -> openReplayConsumed(destination));
        replayConsumed.setEnabled(!destination.retention().isZero());
        Button delete = new Button("Delete…", click -> confirmDelete(destination));
        delete.setId("delete-" + destination.name());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button button : List.of(pause, configure, replayConsumed, delete)) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        }
        return new HorizontalLayout(pause, configure, replayConsumed, delete);
    }

    void openCreate() {
        ViewSupport.attempt(() -> {
            ConsoleServices services = ViewSupport.services();
            ConsoleUser user = ViewSupport.user();
            services.authorize(user, Role.OPERATOR, "create destinations");
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("New destination");
            TextField name = new TextField("Name");
            name.setId("new-destination-name");
            ComboBox<DestinationKind> kind = new ComboBox<>("Kind", DestinationKind.values());
            kind.setValue(DestinationKind.QUEUE);
            Button save = new Button("Create", click -> {
                DestinationConfiguration created = ViewSupport.attempt(() -> services.createDestination(user,
                        name.getValue(), kind.getValue(), DestinationPolicy.DEFAULTS, Duration.ZERO));
                if (created != null) {
                    dialog.close();
                    ViewSupport.success("Created " + created.name());
                    refresh();
                }
            });
            save.setId("new-destination-create");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.add(new FormLayout(name, kind));
            dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
            dialog.open();
        });
    }

    void openConfigure(DestinationConfiguration destination) {
        ViewSupport.attempt(() -> {
            ConsoleServices services = ViewSupport.services();
            ConsoleUser user = ViewSupport.user();
            services.authorize(user, Role.OPERATOR, "configure destinations");
            DestinationPolicy policy = destination.destination().policy();
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Configure " + destination.name());
            TextField deadLetterQueue = new TextField("Dead-letter queue");
            deadLetterQueue.setPlaceholder("default (ferry.deadLetterQueue)");
            deadLetterQueue.setValue(policy.deadLetterQueue() == null ? "" : policy.deadLetterQueue());
            IntegerField maxAttempts = new IntegerField("Maximum delivery attempts");
            maxAttempts.setId("configure-max-attempts");
            maxAttempts.setMin(1);
            maxAttempts.setValue(policy.maxDeliveryAttempts());
            IntegerField delay = new IntegerField("Redelivery delay (ms)");
            delay.setMin(0);
            delay.setValue(policy.redeliveryDelayMillis() == null ? null : policy.redeliveryDelayMillis().intValue());
            NumberField backoff = new NumberField("Redelivery backoff (multiplier)");
            backoff.setMin(1);
            backoff.setValue(policy.redeliveryBackoff());
            IntegerField maxDelay = new IntegerField("Longest redelivery delay (ms)");
            maxDelay.setMin(0);
            maxDelay.setValue(policy.maxRedeliveryDelayMillis() == null ? null
                    : policy.maxRedeliveryDelayMillis().intValue());
            TextField expiryQueue = new TextField("Expiry queue");
            expiryQueue.setPlaceholder("default (ferry.expiryQueue)");
            expiryQueue.setValue(policy.expiryQueue() == null ? "" : policy.expiryQueue());
            IntegerField retentionMinutes = new IntegerField("Keep consumed messages for replay (minutes, 0 = no)");
            retentionMinutes.setMin(0);
            retentionMinutes.setValue((int) destination.retention().toMinutes());
            Button save = new Button("Save", click -> {
                DestinationPolicy changed = new DestinationPolicy(blankToNull(deadLetterQueue.getValue()),
                        maxAttempts.getValue(), delay.getValue() == null ? null : delay.getValue().longValue(),
                        backoff.getValue(), maxDelay.getValue() == null ? null : maxDelay.getValue().longValue(),
                        blankToNull(expiryQueue.getValue()), policy.paused());
                Duration retention = Duration.ofMinutes(retentionMinutes.getValue() == null ? 0 : retentionMinutes.getValue());
                if (ViewSupport.attempt(() -> services.configure(user, destination.id(), changed, retention)) != null) {
                    dialog.close();
                    ViewSupport.success("Saved " + destination.name());
                    refresh();
                }
            });
            save.setId("configure-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.add(new FormLayout(deadLetterQueue, maxAttempts, delay, backoff, maxDelay, expiryQueue,
                    retentionMinutes));
            dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
            dialog.setWidth("640px");
            dialog.open();
        });
    }

    /** Most consumed messages counted for a confirmation; beyond it the dialog says "at least". */
    static final int RETAINED_COUNT_LIMIT = 10_000; // the most the store lists at once

    /**
     * Sends consumed messages kept by the destination's retention again, those consumed in the last N minutes, to
     * the destination or another queue, with the replay's property rules.
     */
    void openReplayConsumed(DestinationConfiguration destination) {
        ViewSupport.attempt(() -> {
            ConsoleServices services = ViewSupport.services();
            ConsoleUser user = ViewSupport.user();
            services.authorize(user, Role.OPERATOR, "replay messages");
            Dialog dialog = new Dialog();
            dialog.setId("replay-consumed-dialog");
            dialog.setHeaderTitle("Replay messages consumed from " + destination.name());
            IntegerField minutes = new IntegerField("Consumed in the last … minutes (empty: all kept)");
            minutes.setId("replay-consumed-minutes");
            minutes.setMin(1);
            minutes.setWidthFull();
            Button next = new Button("Continue", click -> {
                Long from = minutes.getValue() == null ? null
                        : System.currentTimeMillis() - Duration.ofMinutes(minutes.getValue()).toMillis();
                RetainedSelection selection = new RetainedSelection(destination.id(), from, null,
                        dev.ferry.store.admin.MessageFilter.ALL);
                dialog.close();
                new ReplayDialog(services.settings(), options -> ViewSupport.attempt(() -> {
                    int count = services.countRetained(user, selection, RETAINED_COUNT_LIMIT);
                    ConfirmDialog confirm = new ConfirmDialog();
                    confirm.setId("confirm-dialog");
                    confirm.setHeader("Replay consumed messages");
                    confirm.setText("Replay " + (count >= RETAINED_COUNT_LIMIT ? "at least " : "")
                            + ViewSupport.count(count) + " consumed message" + (count == 1 ? "" : "s") + " of "
                            + destination.name() + " to " + (options.target() == null ? destination.name()
                            : options.target()) + "? The kept copies stay.");
                    confirm.setCancelable(true);
                    confirm.setConfirmText("Replay " + ViewSupport.count(count));
                    confirm.addConfirmListener(yes -> ViewSupport.attempt(() -> {
                        var result = services.replayRetained(user, selection, options).await(Duration.ofHours(1));
                        ViewSupport.success(JobPanel.describe(result));
                    }));
                    confirm.open();
                })).open();
            });
            next.setId("replay-consumed-continue");
            next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.add(minutes);
            dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), next);
            dialog.open();
        });
    }

    void confirmDelete(DestinationConfiguration destination) {
        ViewSupport.attempt(() -> {
            ConsoleServices services = ViewSupport.services();
            ConsoleUser user = ViewSupport.user();
            services.authorize(user, Role.OPERATOR, "delete destinations");
            Destination target = destination.destination();
            long messages = services.overview(user).stream().filter(q -> q.destinationId() == target.id())
                    .mapToLong(QueueOverview::depth).sum();
            ConfirmDialog dialog = new ConfirmDialog();
            dialog.setId("confirm-dialog");
            dialog.setHeader("Delete " + target.kind().name().toLowerCase() + " " + target.name());
            dialog.setText("Delete " + target.name() + " with its " + ViewSupport.count(messages) + " message"
                    + (messages == 1 ? "" : "s") + (target.kind() == DestinationKind.TOPIC
                    ? " (in all its subscriptions)" : "") + "? Messages in flight are deleted too.");
            dialog.setCancelable(true);
            dialog.setConfirmText("Delete");
            dialog.setConfirmButtonTheme("error primary");
            dialog.addConfirmListener(confirmed -> {
                if (ViewSupport.attempt(() -> services.deleteDestination(user, target.id()))) {
                    ViewSupport.success("Deleted " + target.name());
                    refresh();
                }
            });
            dialog.open();
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
