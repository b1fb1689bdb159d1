package dev.ferry.store.database;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lets concurrent commits share one database transaction (DESIGN.md #6: "concurrent commits share database round
 * trips"). A caller that finds no commit in progress becomes the leader and applies its work alone, at once, so
 * a lone caller waits for nothing. Callers that arrive while a transaction is running queue up; when it ends, one
 * of them leads the next transaction with everything queued so far (up to {@code maxBatch} items). On PostgreSQL
 * the expensive part of a commit is the WAL flush, so N sessions committing together pay for one flush.
 *
 * <p>Every caller returns only once its own work has committed (or failed): the group commit changes who runs the
 * transaction, never when a caller is told its work is durable. A group transaction that fails is not blamed on
 * every member: each member is then applied alone, in its own transaction, and gets its own outcome, so one bad
 * unit of work (a send to a deleted destination, say) fails only its own caller.
 *
 * @param <T> one caller's work
 */
final class GroupCommitter<T> {

    /** Applies items in one database transaction; throws (having rolled it back) when that fails. */
    @FunctionalInterface
    interface Transaction<T> {
        void apply(List<T> items);
    }

    private static final class Pending<T> {
        final T item;
        boolean done;
        RuntimeException failure;

        Pending(T item) {
            this.item = item;
        }
    }

    private final Transaction<T> transaction;
    private final int maxBatch;
    // guarded by this
    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private boolean leading;

    GroupCommitter(Transaction<T> transaction, int maxBatch) {
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        this.maxBatch = maxBatch;
    }

    /** Applies {@code item}, alone or together with concurrent ones; returns when it has committed. */
    void commit(T item) {
        Pending<T> mine = new Pending<>(item);
        boolean interrupted = false;
        synchronized (this) {
            queue.addLast(mine);
            while (!mine.done && leading) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // the work is queued and will be applied; the caller must learn its outcome
                    interrupted = true;
                }
            }
            if (!mine.done) {
                leading = true;
            }
        }
        try {
            if (!mine.done) {
                lead(mine);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Runs group transactions until the leader's own item is done, then hands leadership to a waiter. */
    private void lead(Pending<T> mine) {
        try {
            while (true) {
                List<Pending<T>> batch = new ArrayList<>();
                synchronized (this) {
                    while (!queue.isEmpty() && batch.size() < maxBatch) {
                        batch.add(queue.pollFirst());
                    }
                }
                run(batch);
                synchronized (this) {
                    if (mine.done) {
                        return;
                    }
                }
            }
        } finally {
            synchronized (this) {
                leading = false;
                notifyAll(); // the finished return; one of the rest becomes leader
            }
        }
    }

    /** Items waiting for a transaction (for tests and diagnostics). */
    synchronized int queued() {
        return queue.size();
    }

    private void run(List<Pending<T>> batch) {
        if (batch.size() > 1) {
            List<T> items = new ArrayList<>(batch.size());
            batch.forEach(pending -> items.add(pending.item));
            try {
                transaction.apply(items);
                finish(batch, null);
                return;
            } catch (RuntimeException | Error groupFailure) {
                // fall through: every member on its own, so that only the faulty one fails
            }
        }
        for (Pending<T> pending : batch) {
            RuntimeException failure = null;
            try {
                transaction.apply(List.of(pending.item));
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException("commit failed: " + e, e);
            }
            finish(List.of(pending), failure);
        }
    }

    private synchronized void finish(List<Pending<T>> finished, RuntimeException failure) {
        for (Pending<T> pending : finished) {
            pending.failure = failure;
            pending.done = true;
        }
        notifyAll();
    }
}
