package dev.ferry.store;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of one branch of a global (XA) transaction in the store's terms: a format id, a global
 * transaction id and a branch qualifier of at most 64 bytes each (the X/Open XA limits). Compared by content.
 * The store knows nothing of {@code javax.transaction.xa}; the provider converts its {@code Xid}s to this.
 */
public final class TransactionBranch {

    /** Longest global transaction id and branch qualifier (X/Open XA: MAXGTRIDSIZE, MAXBQUALSIZE). */
    public static final int MAX_PART_LENGTH = 64;

    private final int formatId;
    private final byte[] globalId;
    private final byte[] branchQualifier;

    public TransactionBranch(int formatId, byte[] globalId, byte[] branchQualifier) {
        Objects.requireNonNull(globalId, "globalId");
        Objects.requireNonNull(branchQualifier, "branchQualifier");
        if (globalId.length == 0 || globalId.length > MAX_PART_LENGTH) {
            throw new IllegalArgumentException("a global transaction id has 1 to " + MAX_PART_LENGTH
                    + " bytes, was " + globalId.length);
        }
        if (branchQualifier.length > MAX_PART_LENGTH) {
            throw new IllegalArgumentException("a branch qualifier has at most " + MAX_PART_LENGTH
                    + " bytes, was " + branchQualifier.length);
        }
        this.formatId = formatId;
        this.globalId = globalId.clone();
        this.branchQualifier = branchQualifier.clone();
    }

    public int formatId() {
        return formatId;
    }

    public byte[] globalId() {
        return globalId.clone();
    }

    public byte[] branchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransactionBranch
                && formatId == ((TransactionBranch) other).formatId
                && Arrays.equals(globalId, ((TransactionBranch) other).globalId)
                && Arrays.equals(branchQualifier, ((TransactionBranch) other).branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalId)) + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "branch " + formatId + ":" + hex.formatHex(globalId) + ":" + hex.formatHex(branchQualifier);
    }
}
