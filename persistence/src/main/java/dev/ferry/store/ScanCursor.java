package dev.ferry.store;

/**
 * How far one selective consumer has looked through its queue, as a position in the queue's "ready sequence":
 * every delivery gets a fresh, increasing ready number whenever it becomes ready (sent, released, redelivered,
 * recovered from a dead node, moved). A scan starts after {@link #position()}, so rows already found not
 * matching are not read again; a delivery that becomes ready again gets a new number and is seen again.
 *
 * <p>Ready numbers are taken when a transaction writes the row but become visible when it commits, so a row can
 * appear behind the cursor (a slow concurrent commit). Every {@link #REWIND_MILLIS} the scan therefore starts
 * again from where the cursor stood one interval earlier: each row is read a bounded number of times, and a
 * late-committed row is found within about two intervals. Not thread-safe: owned by one consumer.
 */
public final class ScanCursor {

    /** Interval after which a scan re-reads the stretch the cursor covered one interval before. */
    public static final long REWIND_MILLIS = 1_000;

    private long position;
    private long checkpoint;
    private long checkpointAt = System.currentTimeMillis();

    /** Ready number after which the next scan starts. */
    public long position() {
        return position;
    }

    /** Where a scan starting at {@code now} begins: the position, or the last checkpoint when it is time to rewind. */
    public long start(long now) {
        if (now - checkpointAt >= REWIND_MILLIS) {
            long back = checkpoint;
            checkpoint = position;
            checkpointAt = now;
            position = Math.min(position, back);
        }
        return position;
    }

    /**
     * When a scan should look again although nothing woke the consumer: the next rewind while the cursor has
     * moved since the last one (a late commit may hide behind it), else never ({@code Long.MAX_VALUE}).
     */
    public long nextRewindAt() {
        return position > checkpoint ? checkpointAt + REWIND_MILLIS : Long.MAX_VALUE;
    }

    /** Records that every ready row up to {@code readySeq} has been looked at. */
    public void advanceTo(long readySeq) {
        if (readySeq > position) {
            position = readySeq;
        }
    }

    /** Forgets the position: the next scan reads the whole queue again. */
    public void reset() {
        position = 0;
        checkpoint = 0;
    }

    @Override
    public String toString() {
        return "ScanCursor[" + position + "]";
    }
}
