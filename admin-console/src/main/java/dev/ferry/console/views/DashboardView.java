package dev.ferry.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.RateSampler;
import dev.ferry.store.admin.QueueOverview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every queue and subscription with its counts and rates, and a chart of the store's enqueue and dequeue rates
 * over the last minutes. Updates itself every {@value #REFRESH_MILLIS} ms through server push: the counts are
 * read off the UI lock, then applied inside {@link UI#access}.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard · Ferry console")
public class DashboardView extends VerticalLayout {

    private static final long serialVersionUID = 1L;
    static final long REFRESH_MILLIS = 2_000;

    /** One thread refreshes every open dashboard; it only reads the store and hands results to the UIs. */
    private static final ScheduledExecutorService REFRESHER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ferry-console-dashboard");
        thread.setDaemon(true);
        return thread;
    });

    /** A row of the table: counts with the rates since the previous refresh. */
    public record Row(QueueOverview queue, double enqueueRate, double dequeueRate) {
        String label() {
            return queue.isSubscription()
                    ? queue.destinationName() + " ▸ " + (queue.subscriptionName() == null ? "(non-durable)"
                    : queue.subscriptionName())
                    : queue.destinationName();
        }
    }

    final Grid<Row> destinations = new Grid<>();
    final RateChart chart = new RateChart();
    final Span totals = new Span();
    private final Map<Long, QueueOverview> previous = new HashMap<>();
    private long previousAt;
    private ScheduledFuture<?> refreshing;

    public DashboardView() {
        setSizeFull();
        destinations.setId("dashboard-grid");
        destinations.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        destinations.addColumn(Row::label).setHeader("Queue / subscription").setFlexGrow(3).setSortable(true)
                .setComparator(Row::label);
        destinations.addColumn(row -> row.queue().paused() ? "paused" : "").setHeader("");
        number("Ready", row -> row.queue().ready());
        number("In flight", row -> row.queue().inFlight());
        number("Scheduled", row -> row.queue().scheduled());
        number("Dead-lettered", row -> row.queue().deadLettered());
        number("Expired", row -> row.queue().expired());
        number("Consumer nodes", row -> row.queue().leaseHolders());
        destinations.addColumn(row -> String.format("%.1f", row.enqueueRate())).setHeader("In /s")
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        destinations.addColumn(row -> String.format("%.1f", row.dequeueRate())).setHeader("Delivered /s")
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        destinations.addColumn(row -> ViewSupport.age(row.queue().oldestReadyTimestamp())).setHeader("Oldest ready");
        destinations.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(MessagesView.class,
                new RouteParameters("queueId", Long.toString(click.getItem().queue().queueId())))));

        Span enqueued = new Span("— enqueued /s");
        enqueued.addClassName("ferry-legend-enqueued");
        Span dequeued = new Span("— handed to consumers /s");
        dequeued.addClassName("ferry-legend-dequeued");
        totals.setId("dashboard-totals");
        add(new H2("Dashboard"), totals, chart, new HorizontalLayout(enqueued, dequeued), destinations);
        setFlexGrow(1, destinations);
    }

    private void number(String header, java.util.function.ToLongFunction<Row> value) {
        destinations.addColumn(row -> ViewSupport.count(value.applyAsLong(row))).setHeader(header)
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END).setSortable(true)
                .setComparator(row -> value.applyAsLong(row));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
        UI ui = event.getUI();
        ConsoleUser user = ViewSupport.user();
        ConsoleServices services = ViewSupport.services();
        refreshing = REFRESHER.scheduleWithFixedDelay(() -> {
            try {
                List<QueueOverview> overview = services.overview(user);
                services.rates().sample(REFRESH_MILLIS / 2);
                List<RateSampler.Point> points = services.rates().points();
                ui.access(() -> show(overview, points));
            } catch (RuntimeException e) {
                // the next refresh tries again; a detached UI is cancelled in onDetach
            }
        }, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
    }

    /** Reads the counts now (also what the timer does, off the UI lock). */
    void refresh() {
        ConsoleServices services = ViewSupport.services();
        List<QueueOverview> overview = services.overview(ViewSupport.user());
        services.rates().sample(REFRESH_MILLIS / 2);
        show(overview, services.rates().points());
    }

    private void show(List<QueueOverview> overview, List<RateSampler.Point> points) {
        long now = System.currentTimeMillis();
        double seconds = previousAt == 0 ? 0 : (now - previousAt) / 1000.0;
        List<Row> rows = new ArrayList<>();
        long ready = 0;
        long inFlight = 0;
        long dead = 0;
        for (QueueOverview queue : overview) {
            QueueOverview before = previous.get(queue.queueId());
            double in = before == null || seconds <= 0 ? 0 : Math.max(0, queue.enqueued() - before.enqueued()) / seconds;
            double out = before == null || seconds <= 0 ? 0 : Math.max(0, queue.dequeued() - before.dequeued()) / seconds;
            rows.add(new Row(queue, in, out));
            ready += queue.ready();
            inFlight += queue.inFlight();
            dead += queue.deadLettered();
        }
        previous.clear();
        overview.forEach(queue -> previous.put(queue.queueId(), queue));
        previousAt = now;
        destinations.setItems(rows);
        totals.setText(overview.size() + " queues and subscriptions · " + ViewSupport.count(ready) + " ready · "
                + ViewSupport.count(inFlight) + " in flight · " + ViewSupport.count(dead) + " dead-lettered");
        chart.show(points);
    }
}
