package dev.ferry.jms.xa;

import dev.ferry.jms.engine.BrokerSession;
import dev.ferry.jms.engine.TransactionBranches;
import dev.ferry.store.TransactionBranch;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.List;

/**
 * The {@link XAResource} of one XA session (or XA context): associates that session with transaction branches
 * and completes branches of its broker's resource manager, {@link TransactionBranches}. Prepared branches live in
 * the database, so {@link #recover} on any resource of the same store, in any JVM, finds the branches a crashed
 * JVM prepared, and {@link #commit}/{@link #rollback} complete them.
 */
public final class FerryXAResource implements XAResource {

    private final BrokerSession session;
    private final TransactionBranches branches;
    private volatile int timeoutSeconds;
    private boolean scanning;

    FerryXAResource(BrokerSession session, TransactionBranches branches) {
        this.session = session;
        this.branches = branches;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        branches.start(session, branchOf(xid), flags, timeoutSeconds);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        branches.end(session, branchOf(xid), flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return branches.prepare(branchOf(xid));
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        branches.commit(branchOf(xid), onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        branches.rollback(branchOf(xid));
    }

    @Override
    public void forget(Xid xid) throws XAException {
        branches.forget(branchOf(xid));
    }

    /**
     * The prepared branches of the whole store (every node's): all of them with {@link #TMSTARTRSCAN}, none on
     * the further calls of the same scan.
     */
    @Override
    public synchronized Xid[] recover(int flag) throws XAException {
        if ((flag & ~(TMSTARTRSCAN | TMENDRSCAN)) != 0) {
            throw error(XAException.XAER_INVAL, "recover accepts TMSTARTRSCAN, TMENDRSCAN or TMNOFLAGS, not " + flag);
        }
        boolean start = (flag & TMSTARTRSCAN) != 0;
        boolean end = (flag & TMENDRSCAN) != 0;
        if (!start && !scanning) {
            throw error(XAException.XAER_PROTO, "no recovery scan is open; start one with TMSTARTRSCAN");
        }
        Xid[] found;
        if (start) {
            List<TransactionBranch> prepared = branches.recover();
            found = new Xid[prepared.size()];
            for (int i = 0; i < found.length; i++) {
                found[i] = FerryXid.of(prepared.get(i));
            }
        } else {
            found = new Xid[0]; // the scan's first call returned every branch
        }
        scanning = !end;
        return found;
    }

    /** Resources of the same broker (the same store in this JVM) are one resource manager. */
    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return other instanceof FerryXAResource && ((FerryXAResource) other).branches == branches;
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    /**
     * Sets the timeout of branches started from now on through this resource: a branch not prepared (or committed
     * in one phase) within it is rolled back. 0 restores the default, no timeout of Ferry's own (the transaction
     * manager's applies).
     */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw error(XAException.XAER_INVAL, "a transaction timeout must not be negative, was " + seconds);
        }
        timeoutSeconds = seconds;
        return true;
    }

    static TransactionBranch branchOf(Xid xid) throws XAException {
        if (xid == null) {
            throw error(XAException.XAER_INVAL, "the Xid must not be null");
        }
        byte[] global = xid.getGlobalTransactionId();
        byte[] qualifier = xid.getBranchQualifier();
        if (global == null || qualifier == null || global.length == 0
                || global.length > Xid.MAXGTRIDSIZE || qualifier.length > Xid.MAXBQUALSIZE) {
            throw error(XAException.XAER_INVAL, "invalid Xid " + xid + ": its global transaction id needs 1 to "
                    + Xid.MAXGTRIDSIZE + " bytes and its branch qualifier at most " + Xid.MAXBQUALSIZE);
        }
        return new TransactionBranch(xid.getFormatId(), global, qualifier);
    }

    private static XAException error(int code, String message) {
        XAException exception = new XAException(message);
        exception.errorCode = code;
        return exception;
    }

    @Override
    public String toString() {
        return "FerryXAResource[" + session + "]";
    }
}
