package dev.ferry.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.Role;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.FilterCriteria;
import dev.ferry.console.services.MessageInspector;
import dev.ferry.console.services.TestMessages;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.admin.BrowseRequest;
import dev.ferry.store.admin.BulkJob;
import dev.ferry.store.admin.BulkResult;
import dev.ferry.store.admin.MessageFilter;
import dev.ferry.store.admin.MessagePage;
import dev.ferry.store.admin.MessageSummary;
import dev.ferry.store.admin.PageCursor;
import dev.ferry.store.admin.Preview;
import dev.ferry.store.admin.QueueOverview;
import dev.ferry.store.admin.Selection;
import dev.ferry.store.admin.SortColumn;
import jakarta.jms.InvalidSelectorException;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The message browser of one queue or subscription: keyset-paginated (a page costs the same on the first and on
 * the millionth message), filtered by JMS selector (syntax errors shown at the field, with their column), send
 * time, message id, correlation id and body text. Operations act on the ticked rows or on the whole filter
 * result, after a confirmation that states the exact count; they run in the background with progress.
 */
@Route(value = "messages/:queueId?", layout = MainLayout.class)
@PageTitle("Messages · Ferry console")
public class MessagesView extends VerticalLayout implements BeforeEnterObserver {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;

    final ComboBox<QueueOverview> queue = new ComboBox<>("Queue or subscription");
    final TextField selector = new TextField("JMS selector");
    final DateTimePicker sentFrom = new DateTimePicker("Sent from");
    final DateTimePicker sentTo = new DateTimePicker("Sent before");
    final TextField messageId = new TextField("Message ID");
    final TextField correlationId = new TextField("Correlation ID");
    final TextField bodyText = new TextField("Body contains");
    final Checkbox deadLettersOnly = new Checkbox("Dead letters only");
    final Button apply = new Button("Apply filter");
    final Grid<MessageSummary> grid = new Grid<>();
    final Button first = new Button("First");
    final Button previous = new Button("Previous");
    final Button next = new Button("Next");
    final Span pageInfo = new Span();
    final Button deleteSelected = new Button("Delete selected");
    final Button moveSelected = new Button("Move selected…");
    final Button replaySelected = new Button("Replay selected");
    final Button purge = new Button("Purge…");
    final Button moveMatching = new Button("Move all matching…");
    final Button replayMatching = new Button("Replay all matching");
    final Button sendTest = new Button("Send test message…");
    final Button importMessages = new Button("Import…");
    final Anchor exportMatching = new Anchor();
    final Div jobs = new Div();

    private long requestedQueueId;
    private MessageFilter filter = MessageFilter.ALL;
    private FilterCriteria criteria = FilterCriteria.NONE;
    private SortColumn sort = SortColumn.SEND_ORDER;
    private boolean descending;
    private MessagePage page;
    private int pageNumber = 1;

    public MessagesView() {
        setSizeFull();
        queue.setId("queue-select");
        queue.setItemLabelGenerator(MessagesView::label);
        queue.setWidth("360px");
        queue.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(MessagesView.class,
                        new RouteParameters("queueId", Long.toString(change.getValue().queueId()))));
            }
        });
        selector.setId("selector");
        selector.setPlaceholder("e.g. region = 'north' AND quantity > 10");
        selector.setWidth("420px");
        selector.setClearButtonVisible(true);
        messageId.setId("filter-message-id");
        correlationId.setId("filter-correlation-id");
        bodyText.setId("filter-body");
        sentFrom.setId("filter-from");
        sentTo.setId("filter-to");
        deadLettersOnly.setId("filter-dead-letters");
        apply.setId("apply-filter");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickListener(click -> applyFilter());
        selector.addKeyPressListener(com.vaadin.flow.component.Key.ENTER, press -> applyFilter());

        HorizontalLayout filters = new HorizontalLayout(queue, selector, apply);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        HorizontalLayout moreFields = new HorizontalLayout(sentFrom, sentTo, messageId, correlationId, bodyText,
                deadLettersOnly);
        moreFields.setAlignItems(FlexComponent.Alignment.BASELINE);
        moreFields.setWrap(true);
        Details moreFilters = new Details("More filters: send time, IDs, body text, dead letters", moreFields);
        moreFilters.setId("more-filters");

        grid.setId("messages-grid");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setMultiSort(false);
        grid.addColumn(MessageSummary::deliveryId).setHeader("#").setKey("arrival").setSortable(true)
                .setComparator(MessageSummary::deliveryId).setAutoWidth(true);
        grid.addColumn(MessageSummary::jmsMessageId).setHeader("Message ID").setFlexGrow(2);
        grid.addColumn(row -> ViewSupport.time(row.sentAt())).setHeader("Sent").setAutoWidth(true);
        grid.addColumn(MessageSummary::correlationId).setHeader("Correlation ID");
        grid.addColumn(MessageSummary::type).setHeader("Type");
        grid.addColumn(row -> MessageInspector.bodyTypeName(row.bodyType())).setHeader("Body");
        grid.addColumn(MessageSummary::bodySize).setHeader("Size").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(MessageSummary::priority).setHeader("Priority").setKey("priority").setSortable(true)
                .setComparator(MessageSummary::priority);
        grid.addColumn(MessageSummary::deliveryCount).setHeader("Deliveries");
        grid.addColumn(row -> row.state().name().toLowerCase().replace('_', ' ')).setHeader("State");
        grid.addColumn(MessageSummary::originalDestination).setHeader("Original destination");
        grid.addColumn(MessageSummary::failureReason).setHeader("Failure").setFlexGrow(2);
        grid.addItemDoubleClickListener(click -> open(click.getItem()));
        grid.addComponentColumn(row -> {
            Button open = new Button("Open", click -> open(row));
            open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return open;
        }).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.addSortListener(event -> {
            List<GridSortOrder<MessageSummary>> order = event.getSortOrder();
            if (order.isEmpty()) {
                sort = SortColumn.SEND_ORDER;
                descending = false;
            } else {
                sort = "priority".equals(order.get(0).getSorted().getKey()) ? SortColumn.PRIORITY : SortColumn.SEND_ORDER;
                boolean down = order.get(0).getDirection() == SortDirection.DESCENDING;
                // the store's priority order is delivery order, highest first; the grid's ascending is lowest first
                descending = sort == SortColumn.PRIORITY ? !down : down;
            }
            if (event.isFromClient()) {
                load(null, null, 1);
            }
        });
        grid.addSelectionListener(selection -> updateButtons());

        first.setId("page-first");
        previous.setId("page-previous");
        next.setId("page-next");
        pageInfo.setId("page-info");
        first.addClickListener(click -> load(null, null, 1));
        previous.addClickListener(click -> {
            if (page != null && page.previous() != null) {
                load(null, page.previous(), Math.max(1, pageNumber - 1));
            }
        });
        next.addClickListener(click -> {
            if (page != null && page.next() != null) {
                load(page.next(), null, pageNumber + 1);
            }
        });
        HorizontalLayout paging = new HorizontalLayout(first, previous, next, pageInfo);
        paging.setAlignItems(FlexComponent.Alignment.CENTER);

        deleteSelected.setId("delete-selected");
        moveSelected.setId("move-selected");
        replaySelected.setId("replay-selected");
        purge.setId("purge");
        moveMatching.setId("move-matching");
        replayMatching.setId("replay-matching");
        sendTest.setId("send-test");
        importMessages.setId("import");
        exportMatching.setId("export");
        exportMatching.setText("Export matching (JSON Lines)");
        purge.addThemeVariants(ButtonVariant.LUMO_ERROR);
        deleteSelected.addThemeVariants(ButtonVariant.LUMO_ERROR);
        deleteSelected.addClickListener(click -> operate("Delete messages", "Delete", selected(),
                (user, selection) -> ViewSupport.services().delete(user, selection)));
        purge.addClickListener(click -> operate("Purge", "Delete", matching(),
                (user, selection) -> ViewSupport.services().delete(user, selection)));
        moveSelected.addClickListener(click -> askTarget("Move", selected()));
        moveMatching.addClickListener(click -> askTarget("Move", matching()));
        replaySelected.addClickListener(click -> askReplay(selected()));
        replayMatching.addClickListener(click -> askReplay(
                Optional.ofNullable(current()).map(q -> Selection.filtered(q.queueId(), filter.onlyDeadLetters()))));
        sendTest.addClickListener(click -> openSendTest());
        importMessages.addClickListener(click -> openImport());
        HorizontalLayout actions = new HorizontalLayout(deleteSelected, moveSelected, replaySelected, purge,
                moveMatching, replayMatching, sendTest, importMessages, exportMatching);
        actions.setWrap(true);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        jobs.setId("jobs");
        jobs.setWidthFull();

        grid.setMinHeight("420px");
        add(new H2("Messages"), filters, moreFilters, actions, jobs, grid, paging);
        setFlexGrow(1, grid);
        updateButtons();
    }

    static String label(QueueOverview queue) {
        if (!queue.isSubscription()) {
            return queue.destinationName();
        }
        return queue.destinationName() + " ▸ " + (queue.subscriptionName() == null ? "(non-durable " + queue.queueId()
                + ")" : queue.subscriptionName()) + (queue.clientId() == null ? "" : " [" + queue.clientId() + "]");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        requestedQueueId = event.getRouteParameters().get("queueId").map(text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        List<QueueOverview> queues = ViewSupport.services().overview(ViewSupport.user());
        queue.setItems(queues);
        QueueOverview chosen = queues.stream().filter(q -> q.queueId() == requestedQueueId).findFirst()
                .orElse(queues.isEmpty() ? null : queues.get(0));
        queue.setValue(chosen);
        exportMatching.setHref(exportHandler());
        load(null, null, 1);
    }

    QueueOverview current() {
        return queue.getValue();
    }

    /** Reads the filter fields; a bad selector is reported at the field and nothing is loaded. */
    void applyFilter() {
        FilterCriteria typed = new FilterCriteria(selector.getValue(), instant(sentFrom), instant(sentTo),
                messageId.getValue(), correlationId.getValue(), bodyText.getValue(), deadLettersOnly.getValue());
        try {
            MessageFilter parsed = typed.toStoreFilter(ViewSupport.services().inspector());
            selector.setInvalid(false);
            selector.setErrorMessage(null);
            criteria = typed;
            filter = parsed;
        } catch (InvalidSelectorException e) {
            selector.setErrorMessage(e.getMessage());
            selector.setInvalid(true);
            return;
        } catch (IllegalArgumentException e) {
            ViewSupport.error(e.getMessage());
            return;
        }
        load(null, null, 1);
    }

    private static java.time.Instant instant(DateTimePicker picker) {
        return picker.getValue() == null ? null : picker.getValue().atZone(ZoneId.systemDefault()).toInstant();
    }

    /** Shows the page after {@code after}, before {@code before}, or the first page when both are null. */
    void load(PageCursor after, PageCursor before, int number) {
        QueueOverview chosen = current();
        if (chosen == null) {
            grid.setItems(List.of());
            pageInfo.setText("No queues yet");
            page = null;
            updateButtons();
            return;
        }
        BrowseRequest request = new BrowseRequest(chosen.queueId(), filter, sort, descending, after, before,
                PAGE_SIZE, BrowseRequest.DEFAULT_SCAN_LIMIT);
        MessagePage loaded = ViewSupport.attempt(() -> ViewSupport.services().browse(ViewSupport.user(), request));
        if (loaded == null) {
            return;
        }
        page = loaded;
        pageNumber = number;
        grid.deselectAll();
        grid.setItems(loaded.messages());
        String text = "Page " + pageNumber + " · " + loaded.messages().size() + " messages";
        if (!criteria.equals(FilterCriteria.NONE)) {
            text += " matching (" + ViewSupport.count(loaded.scanned()) + " looked at)";
        }
        if (loaded.scanLimitReached()) {
            text += " · scan limit reached: Next continues the search";
        }
        pageInfo.setText(text);
        updateButtons();
    }

    MessagePage page() {
        return page;
    }

    private void updateButtons() {
        boolean ticked = !grid.getSelectedItems().isEmpty();
        deleteSelected.setEnabled(ticked);
        moveSelected.setEnabled(ticked);
        replaySelected.setEnabled(ticked);
        previous.setEnabled(page != null && page.previous() != null);
        next.setEnabled(page != null && page.next() != null);
        boolean hasQueue = current() != null;
        purge.setEnabled(hasQueue);
        moveMatching.setEnabled(hasQueue);
        replayMatching.setEnabled(hasQueue && current().deadLettered() > 0);
        sendTest.setEnabled(hasQueue && !current().isSubscription());
    }

    private Optional<Selection> selected() {
        QueueOverview chosen = current();
        if (chosen == null || grid.getSelectedItems().isEmpty()) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        grid.getSelectedItems().forEach(row -> ids.add(row.deliveryId()));
        return Optional.of(Selection.ids(chosen.queueId(), ids));
    }

    private Optional<Selection> matching() {
        QueueOverview chosen = current();
        return chosen == null ? Optional.empty() : Optional.of(Selection.filtered(chosen.queueId(), filter));
    }

    interface Operation {
        BulkJob start(ConsoleUser user, Selection selection);
    }

    /**
     * Checks the role at once (on the server), counts exactly what the selection covers, asks for confirmation
     * with that count, and starts the operation in the background.
     */
    void operate(String title, String verb, Optional<Selection> selection, Operation operation) {
        if (selection.isEmpty()) {
            return;
        }
        ConsoleServices services = ViewSupport.services();
        ConsoleUser user = ViewSupport.user();
        ViewSupport.attempt(() -> {
            services.authorize(user, Role.OPERATOR, verb.toLowerCase() + " messages");
            Preview preview = services.preview(user, selection.get());
            String where = (selection.get() instanceof Selection.Ids ? "(ticked) in " : "in ") + label(current())
                    + (selection.get() instanceof Selection.Filtered f && !f.filter().equals(MessageFilter.ALL)
                    ? " matching " + f.describe() : "");
            Confirmation.open(title, verb, where, preview, () -> ViewSupport.attempt(() ->
                    track(operation.start(user, selection.get()))));
        });
    }

    private void askTarget(String verb, Optional<Selection> selection) {
        if (selection.isEmpty()) {
            return;
        }
        ViewSupport.attempt(() -> {
            ViewSupport.services().authorize(ViewSupport.user(), Role.OPERATOR, "move messages");
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Move to which queue?");
            ComboBox<String> target = new ComboBox<>("Target queue");
            target.setId("move-target");
            target.setAllowCustomValue(true);
            List<String> names = new ArrayList<>();
            queue.getListDataView().getItems().filter(q -> !q.isSubscription())
                    .forEach(q -> names.add(q.destinationName()));
            target.setItems(names);
            target.addCustomValueSetListener(custom -> target.setValue(custom.getDetail()));
            Button choose = new Button("Continue", click -> {
                String name = target.getValue();
                if (name == null || name.isBlank()) {
                    target.setInvalid(true);
                    target.setErrorMessage("choose or type a queue name");
                    return;
                }
                dialog.close();
                operate("Move messages", verb, selection, (user, chosen) ->
                        ViewSupport.services().move(user, chosen, name));
            });
            choose.setId("move-continue");
            choose.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.add(target);
            dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), choose);
            dialog.open();
        });
    }

    /** Asks where replayed messages go and which properties they keep, then confirms with the count. */
    void askReplay(Optional<Selection> selection) {
        if (selection.isEmpty()) {
            return;
        }
        ViewSupport.attempt(() -> {
            ViewSupport.services().authorize(ViewSupport.user(), Role.OPERATOR, "replay messages");
            new ReplayDialog(ViewSupport.services().settings(), options -> operate("Replay dead letters", "Replay",
                    selection, (user, chosen) -> ViewSupport.services().replayDeadLetters(user, chosen, options)))
                    .open();
        });
    }

    /** Shows a running job's progress and reloads the page when it ends. */
    void track(BulkJob job) {
        JobPanel panel = new JobPanel(job, result -> finished(result));
        jobs.addComponentAsFirst(panel);
    }

    private void finished(BulkResult result) {
        if (result.succeeded()) {
            ViewSupport.success(JobPanel.describe(result));
        } else {
            ViewSupport.error(JobPanel.describe(result));
        }
        load(null, null, 1);
        refreshQueues();
    }

    private void refreshQueues() {
        QueueOverview chosen = current();
        List<QueueOverview> queues = ViewSupport.services().overview(ViewSupport.user());
        queue.setItems(queues);
        if (chosen != null) {
            queues.stream().filter(q -> q.queueId() == chosen.queueId()).findFirst().ifPresent(queue::setValue);
        }
        updateButtons();
    }

    private DownloadHandler exportHandler() {
        ConsoleServices services = ViewSupport.services();
        ConsoleUser user = ViewSupport.user();
        return download -> {
            QueueOverview chosen = current();
            if (chosen == null) {
                download.getResponse().setStatus(404);
                return;
            }
            Selection selection = selectedOrMatching(chosen);
            download.setFileName(chosen.destinationName() + ".jsonl");
            download.setContentType("application/jsonl");
            try {
                BulkJob job = services.export(user, selection, download.getOutputStream());
                job.await(Duration.ofHours(1));
            } catch (RuntimeException e) {
                download.getResponse().setStatus(403);
            }
        };
    }

    private Selection selectedOrMatching(QueueOverview chosen) {
        return selected().orElse(Selection.filtered(chosen.queueId(), filter));
    }

    private void openSendTest() {
        QueueOverview chosen = current();
        if (chosen == null) {
            return;
        }
        ViewSupport.attempt(() -> {
            ViewSupport.services().authorize(ViewSupport.user(), Role.OPERATOR, "send messages");
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Send a test message to " + chosen.destinationName());
            ComboBox<String> type = new ComboBox<>("Body type", List.of("TEXT", "BYTES (UTF-8 of the text)"));
            type.setValue("TEXT");
            TextField correlation = new TextField("Correlation ID");
            TextField jmsType = new TextField("JMSType");
            IntegerField priority = new IntegerField("Priority");
            priority.setMin(0);
            priority.setMax(9);
            priority.setValue(4);
            TextArea properties = new TextArea("Properties (name=value, one a line; strings)");
            properties.setId("test-properties");
            TextArea body = new TextArea("Body");
            body.setId("test-body");
            body.setWidthFull();
            Button send = new Button("Send", click -> {
                Long id = ViewSupport.attempt(() -> ViewSupport.services().sendTestMessage(ViewSupport.user(),
                        chosen.destinationId(), TestMessages.record(type.getValue().startsWith("TEXT"),
                                body.getValue(), correlation.getValue(), jmsType.getValue(),
                                priority.getValue() == null ? 4 : priority.getValue(),
                                TestMessages.properties(properties.getValue()))));
                if (id != null) {
                    dialog.close();
                    ViewSupport.success("Sent to " + chosen.destinationName());
                    load(null, null, 1);
                }
            });
            send.setId("test-send");
            send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.add(new VerticalLayout(type, new HorizontalLayout(correlation, jmsType, priority), properties, body));
            dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), send);
            dialog.setWidth("640px");
            dialog.open();
        });
    }

    private void openImport() {
        QueueOverview chosen = current();
        ViewSupport.attempt(() -> {
            ConsoleUser user = ViewSupport.user();
            ViewSupport.services().authorize(user, Role.OPERATOR, "import messages");
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Import a JSON Lines export");
            TextField target = new TextField("Into queue");
            target.setValue(chosen == null || chosen.isSubscription() ? "" : chosen.destinationName());
            Upload upload = new Upload(UploadHandler.toTempFile((metadata, file) -> {
                String name = target.getValue();
                InputStream in = new FileInputStream(file);
                getUI().ifPresent(ui -> ui.access(() -> {
                    BulkJob job = ViewSupport.attempt(() ->
                            ViewSupport.services().importMessages(user, name, DestinationKind.QUEUE, in));
                    if (job == null) {
                        closeQuietly(in);
                        return;
                    }
                    job.completion().whenComplete((result, failure) -> {
                        closeQuietly(in);
                        try {
                            Files.deleteIfExists(file.toPath());
                        } catch (IOException ignored) {
                            // a temporary file
                        }
                    });
                    dialog.close();
                    track(job);
                }));
            }));
            upload.setAcceptedFileTypes(".jsonl", ".json", ".txt");
            dialog.add(new VerticalLayout(target, upload));
            dialog.getFooter().add(new Button("Close", click -> dialog.close()));
            dialog.open();
        });
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open(MessageSummary row) {
        getUI().ifPresent(ui -> ui.navigate(MessageView.class,
                new RouteParameters("deliveryId", Long.toString(row.deliveryId()))));
    }

    /** For tests and the detail view: the filter in force. */
    FilterCriteria criteria() {
        return criteria;
    }

}
