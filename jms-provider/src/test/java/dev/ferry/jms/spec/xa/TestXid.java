package dev.ferry.jms.spec.xa;

import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** An Xid made by a test acting as the transaction manager; equal to any Xid of the same three parts. */
final class TestXid implements Xid {

    private static final AtomicLong COUNTER = new AtomicLong();

    private final int formatId;
    private final byte[] global;
    private final byte[] branch;

    TestXid(int formatId, byte[] global, byte[] branch) {
        this.formatId = formatId;
        this.global = global;
        this.branch = branch;
    }

    /** A new global transaction's first branch. */
    static TestXid next() {
        String id = "ferry-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
                + COUNTER.incrementAndGet();
        return new TestXid(4711, id.getBytes(StandardCharsets.US_ASCII), new byte[] {1});
    }

    /** Another branch of the same global transaction. */
    TestXid sibling(int branchNumber) {
        return new TestXid(formatId, global, new byte[] {(byte) branchNumber});
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return global.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branch.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Xid && formatId == ((Xid) other).getFormatId()
                && Arrays.equals(global, ((Xid) other).getGlobalTransactionId())
                && Arrays.equals(branch, ((Xid) other).getBranchQualifier());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(global) * 31 + Arrays.hashCode(branch);
    }

    @Override
    public String toString() {
        return formatId + ":" + new String(global, StandardCharsets.US_ASCII) + ":" + Arrays.toString(branch);
    }
}
