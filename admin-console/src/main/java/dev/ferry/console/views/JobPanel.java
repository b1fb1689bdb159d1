package dev.ferry.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.ferry.store.admin.BulkJob;
import dev.ferry.store.admin.BulkResult;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Progress of one bulk operation running in the store's background thread: a progress bar, the count so far,
 * and a Cancel button (the store stops after the batch in progress; what committed stays done). Updated by
 * server push; the UI stays usable meanwhile.
 */
public class JobPanel extends HorizontalLayout {

    private static final long serialVersionUID = 1L;
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ferry-console-jobs");
        thread.setDaemon(true);
        return thread;
    });

    final ProgressBar bar = new ProgressBar();
    final Span status = new Span();
    final Button cancel = new Button("Cancel");
    private final BulkJob job;
    private final Consumer<BulkResult> onFinished;
    private ScheduledFuture<?> ticking;
    private boolean reported;

    public JobPanel(BulkJob job, Consumer<BulkResult> onFinished) {
        this.job = job;
        this.onFinished = onFinished;
        setId("job-panel");
        setWidthFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        bar.setWidth("240px");
        status.setId("job-status");
        cancel.setId("job-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        cancel.addClickListener(click -> {
            job.cancel();
            cancel.setEnabled(false);
            cancel.setText("Cancelling…");
        });
        add(new Span(job.description()), bar, status, cancel);
        update();
    }

    public BulkJob job() {
        return job;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ticking = TICKER.scheduleWithFixedDelay(() -> ui.access(this::update), 300, 500, TimeUnit.MILLISECONDS);
        job.completion().whenComplete((result, failure) -> ui.access(this::update));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    /** Shows the job's progress; once it has ended, reports its result once. */
    void update() {
        long total = job.total();
        long done = job.done();
        if (total > 0) {
            bar.setIndeterminate(false);
            bar.setValue(Math.min(1.0, (double) done / total));
            status.setText(ViewSupport.count(done) + " of " + ViewSupport.count(total));
        } else {
            bar.setIndeterminate(!job.isFinished());
            status.setText(ViewSupport.count(done) + " so far");
        }
        if (job.isFinished() && !reported) {
            reported = true;
            if (ticking != null) {
                ticking.cancel(false);
            }
            BulkResult result = job.completion().toCompletableFuture().getNow(null);
            cancel.setVisible(false);
            bar.setIndeterminate(false);
            bar.setValue(1);
            if (result != null) {
                status.setText(describe(result));
                onFinished.accept(result);
            }
        }
    }

    static String describe(BulkResult result) {
        StringBuilder text = new StringBuilder(result.operation()).append(": ")
                .append(ViewSupport.count(result.touched())).append(" messages");
        if (result.skippedInFlight() > 0) {
            text.append(", ").append(ViewSupport.count(result.skippedInFlight())).append(" in flight left alone");
        }
        if (result.skippedOther() > 0) {
            text.append(", ").append(ViewSupport.count(result.skippedOther())).append(" skipped");
        }
        if (result.cancelled()) {
            text.append(" (cancelled)");
        }
        if (result.failure() != null) {
            text.append(" (failed: ").append(result.failure()).append(')');
        }
        return text.append(" in ").append(result.millis()).append(" ms").toString();
    }
}
