package dev.ferry.bench.workload;

import java.util.BitSet;

/**
 * Which sequence numbers a receiver has seen, to prove that every sent message arrived exactly once:
 * nothing missing, nothing twice, nothing that was never sent.
 */
public final class DeliveryLedger {

    private final String receiver;
    private final BitSet seen = new BitSet();
    private long distinct;
    private long duplicates;
    private long firstDuplicate = -1;
    private long unexpected;
    private long expected = -1;

    public DeliveryLedger(String receiver) {
        this.receiver = receiver;
    }

    /** Records one delivery; {@code false} when this sequence number was delivered before. */
    public synchronized boolean record(long sequence) {
        if (sequence < 0 || sequence > Integer.MAX_VALUE || (expected >= 0 && sequence >= expected)) {
            unexpected++;
            return false;
        }
        int index = (int) sequence;
        if (seen.get(index)) {
            duplicates++;
            if (firstDuplicate < 0) {
                firstDuplicate = sequence;
            }
            return false;
        }
        seen.set(index);
        distinct++;
        return true;
    }

    /** Sets how many messages (sequence numbers 0 … count-1) were sent, once the senders have finished. */
    public synchronized void expect(long count) {
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected count out of range: " + count);
        }
        this.expected = count;
        // a sequence number recorded before the count was known may lie beyond it
        long beyond = seen.get((int) count, Math.max((int) count, seen.length())).cardinality();
        if (beyond > 0) {
            seen.clear((int) count, seen.length());
            distinct -= beyond;
            unexpected += beyond;
        }
    }

    /** Counts a message found on the destination after the run was complete (a late duplicate). */
    public synchronized void recordStray() {
        unexpected++;
    }

    public synchronized boolean isComplete() {
        return expected >= 0 && distinct >= expected;
    }

    public synchronized long distinct() {
        return distinct;
    }

    public synchronized Check check() {
        long missing = expected < 0 ? -1 : expected - distinct;
        int firstMissing = expected < 0 ? -1 : seen.nextClearBit(0);
        return new Check(receiver, expected, distinct, duplicates, missing, unexpected,
                firstMissing < expected ? firstMissing : -1, firstDuplicate);
    }

    /**
     * The verdict for one receiver.
     *
     * @param unexpected deliveries with a sequence number never sent, plus messages left on the
     *                   destination after every expected one had arrived
     */
    public record Check(String receiver, long expected, long delivered, long duplicates, long missing,
                       long unexpected, long firstMissing, long firstDuplicate) {

        public boolean exactlyOnce() {
            return expected >= 0 && delivered == expected && duplicates == 0 && missing == 0 && unexpected == 0;
        }

        public String describe() {
            StringBuilder text = new StringBuilder(receiver).append(": expected ").append(expected)
                    .append(", delivered ").append(delivered);
            if (missing != 0) {
                text.append(", missing ").append(missing).append(" (first seq ").append(firstMissing).append(')');
            }
            if (duplicates != 0) {
                text.append(", duplicates ").append(duplicates).append(" (first seq ").append(firstDuplicate)
                        .append(')');
            }
            if (unexpected != 0) {
                text.append(", unexpected ").append(unexpected);
            }
            return text.toString();
        }
    }
}
