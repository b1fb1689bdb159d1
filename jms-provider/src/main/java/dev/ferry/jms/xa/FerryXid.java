package dev.ferry.jms.xa;

import dev.ferry.store.TransactionBranch;

import javax.transaction.xa.Xid;
import java.util.Arrays;

/** An {@link Xid} read back from the store by {@code recover}; equal to any Xid with the same three parts. */
public final class FerryXid implements Xid {

    private final int formatId;
    private final byte[] globalId;
    private final byte[] branchQualifier;

    public FerryXid(int formatId, byte[] globalId, byte[] branchQualifier) {
        this.formatId = formatId;
        this.globalId = globalId.clone();
        this.branchQualifier = branchQualifier.clone();
    }

    static FerryXid of(TransactionBranch branch) {
        return new FerryXid(branch.formatId(), branch.globalId(), branch.branchQualifier());
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Xid
                && formatId == ((Xid) other).getFormatId()
                && Arrays.equals(globalId, ((Xid) other).getGlobalTransactionId())
                && Arrays.equals(branchQualifier, ((Xid) other).getBranchQualifier());
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalId)) + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        return TransactionBranch.class.getSimpleName() + "[" + new TransactionBranch(formatId, globalId,
                branchQualifier) + "]";
    }
}
