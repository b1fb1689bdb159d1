package dev.ferry.store.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One store transaction at a time per H2 database in this JVM, so that every chunk H2 writes to its file holds
 * whole transactions and a file left by a killed JVM always opens.
 *
 * <p>Why: H2's MVStore writes a chunk (with {@code WRITE_DELAY=0} inside every commit, see
 * {@link StoreDataSource#H2_DURABLE_COMMIT}) by taking the root of each of its maps one after the other — a
 * table's rows, each of its indexes, each transaction's undo log — while other sessions go on writing. The chunk
 * is consistent per map, not across maps (h2database issue #2080). The next chunk normally completes the picture;
 * when the JVM is killed before it, the file can hold a row without some of its index entries, or a commit that
 * reached some maps and that H2, finding its undo log without the commit mark, half rolls back at the next open.
 * Ferry met it after {@code kill -9} as "Row not found when trying to delete from index CONSTRAINT_86C_INDEX_7"
 * (the index of {@code ferry_delivery.message_id}) in the lease recovery at open: the store could not open.
 *
 * <p>With one transaction at a time nothing changes a map while a chunk is taken: H2 takes one inside a commit,
 * or inside a write of the only running transaction, so the chunk holds everything committed before and a part of
 * the running transaction that its undo log describes completely (H2 rolls it back at the next open).
 *
 * <p>It costs little: commits already run one group at a time ({@link GroupCommitter}), claims on a queue one at
 * a time on H2, and an H2 commit writes the file while holding H2's own store lock. Reads outside transactions
 * (auto-commit) change no map and do not take it. The lock is reentrant (a transaction that opens another on the
 * same thread does not wait for itself) and fair (the heartbeat is not starved by a busy hot path). On PostgreSQL
 * there is no gate.
 */
final class SerialTransactions {

    /** By database identity ({@code h2:} and its path): every store of this JVM on one file shares one lock. */
    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private static final SerialTransactions NONE = new SerialTransactions(null);

    private final ReentrantLock lock;

    private SerialTransactions(ReentrantLock lock) {
        this.lock = lock;
    }

    /** No gate: the database takes consistent snapshots itself (PostgreSQL's write-ahead log). */
    static SerialTransactions none() {
        return NONE;
    }

    /** The gate shared by every store of this JVM on the database of that identity. */
    static SerialTransactions of(String databaseIdentity) {
        return new SerialTransactions(LOCKS.computeIfAbsent(databaseIdentity, k -> new ReentrantLock(true)));
    }

    /** For H2, {@link #of}; otherwise {@link #none}. */
    static SerialTransactions forDatabase(boolean h2, String databaseIdentity) {
        return h2 ? of(databaseIdentity) : none();
    }

    /** Runs a whole transaction (begin to commit or rollback) while no other store transaction runs here. */
    <T> T run(Supplier<T> transaction) {
        if (lock == null) {
            return transaction.get();
        }
        lock.lock();
        try {
            return transaction.get();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the current thread is inside a gated transaction (tests). */
    boolean heldByCurrentThread() {
        return lock != null && lock.isHeldByCurrentThread();
    }
}
