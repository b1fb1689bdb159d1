package dev.ferry.store.database;

import dev.ferry.store.StoreException;
import dev.ferry.store.admin.BulkJob;
import dev.ferry.store.admin.BulkResult;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** A bulk operation's progress and result, shared by the background thread running it and its caller. */
final class AdminJob implements BulkJob {

    private final long auditId;
    private final String operation;
    private final String description;
    private final CompletableFuture<BulkResult> completion = new CompletableFuture<>();
    private final AtomicLong done = new AtomicLong();
    private final long startedAt = System.currentTimeMillis();
    private volatile long total = -1;
    private volatile boolean cancelRequested;
    long touched;
    long skippedInFlight;
    long skippedOther;
    int batches;

    AdminJob(long auditId, String operation, String description) {
        this.auditId = auditId;
        this.operation = operation;
        this.description = description;
    }

    @Override
    public long auditId() {
        return auditId;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long done() {
        return done.get();
    }

    @Override
    public long total() {
        return total;
    }

    void total(long value) {
        total = value;
    }

    void progressed(long rows) {
        done.addAndGet(rows);
    }

    @Override
    public void cancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public boolean isFinished() {
        return completion.isDone();
    }

    @Override
    public CompletionStage<BulkResult> completion() {
        return completion.minimalCompletionStage();
    }

    @Override
    public BulkResult await(Duration timeout) {
        try {
            return completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(description + ": interrupted while waiting", e);
        } catch (ExecutionException e) {
            throw new StoreException(description + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException(description + " has not finished within " + timeout + " (done " + done()
                    + " of " + total + ")", e);
        }
    }

    BulkResult finish(String failure) {
        BulkResult result = new BulkResult(operation, touched, skippedInFlight, skippedOther, batches,
                cancelRequested && failure == null, failure, System.currentTimeMillis() - startedAt);
        completion.complete(result);
        return result;
    }

    @Override
    public String toString() {
        return description + " [" + done() + "/" + total + "]";
    }
}
