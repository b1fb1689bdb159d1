package dev.ferry.store.admin;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A bulk operation running in the background, one transaction per batch. What each committed batch did stays
 * done when the job is cancelled or fails.
 */
public interface BulkJob {

    /** The audit record of the operation (its count is written when the job ends). */
    long auditId();

    /** What it does, e.g. "purge orders". */
    String description();

    /** Deliveries handled so far (touched, or skipped because in flight). */
    long done();

    /** The exact count at the start (the preview), or -1 when unknown (an import reads until its end). */
    long total();

    /** Asks the job to stop after the batch in progress. */
    void cancel();

    boolean isFinished();

    /** Completes with the result (cancelled jobs complete normally, marked cancelled). */
    CompletionStage<BulkResult> completion();

    /** Waits for the result. */
    BulkResult await(Duration timeout);
}
