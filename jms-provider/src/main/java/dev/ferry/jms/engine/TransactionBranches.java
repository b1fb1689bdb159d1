package dev.ferry.jms.engine;

import dev.ferry.store.Settlement;
import dev.ferry.store.StoreException;
import dev.ferry.store.TransactionBranch;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The resource manager of a broker's XA transaction branches (X/Open XA as mapped by JTA's {@link XAResource}).
 * A branch lives in memory from {@code start} until {@code prepare} or a one-phase {@code commit}; its sessions'
 * work is collected at each {@code end}. {@code prepare} writes it to the store in one database transaction,
 * after which only the store knows the branch, so that a crash of this JVM loses nothing the transaction manager
 * was promised and any node (or this one, restarted) completes it.
 *
 * <p>Threading: every state change happens under this object's monitor; store operations run outside it, with
 * the branch removed from the map or in a transitional state, so that one slow database call does not hold up
 * every other branch of the broker.
 */
public final class TransactionBranches {

    private static final System.Logger LOG = System.getLogger(TransactionBranches.class.getName());

    private enum State {
        /** At least one session is associated with the branch. */
        ACTIVE,
        /** No session is associated; at least one association is suspended. */
        SUSPENDED,
        /** Every association has ended; the branch waits for prepare, commit or rollback. */
        IDLE,
        /** Rolled back by the resource manager (timeout, rollback while associated); waits to be forgotten. */
        ROLLED_BACK
    }

    private final class Branch {
        final TransactionBranch id;
        final long startedAt;
        final BranchWork work = new BranchWork();
        final Set<BrokerSession> associated = new LinkedHashSet<>();
        final Set<BrokerSession> suspended = new LinkedHashSet<>();
        State state = State.ACTIVE;
        boolean rollbackOnly;
        /** The XA_RB* code the branch was rolled back with (when ROLLED_BACK). */
        int rollbackCode;
        ScheduledFuture<?> timeout;

        Branch(TransactionBranch id, long startedAt) {
            this.id = id;
            this.startedAt = startedAt;
        }

        void settleState() {
            if (state == State.ROLLED_BACK) {
                return;
            }
            state = !associated.isEmpty() ? State.ACTIVE : !suspended.isEmpty() ? State.SUSPENDED : State.IDLE;
        }
    }

    private final Broker broker;
    private final ScheduledExecutorService scheduler;
    private final Map<TransactionBranch, Branch> branches = new HashMap<>();
    private final Map<BrokerSession, Branch> associations = new HashMap<>();

    TransactionBranches(Broker broker, ScheduledExecutorService scheduler) {
        this.broker = broker;
        this.scheduler = scheduler;
    }

    // ---- association -------------------------------------------------------------------------------------

    /**
     * Associates a session with a branch: a new one ({@link XAResource#TMNOFLAGS}), one that exists
     * ({@link XAResource#TMJOIN}) or one whose association with this session was suspended
     * ({@link XAResource#TMRESUME}). A positive {@code timeoutSeconds} rolls a new branch back when it has not
     * been prepared (or committed in one phase) in time.
     */
    public void start(BrokerSession session, TransactionBranch xid, int flags, int timeoutSeconds) throws XAException {
        synchronized (this) {
            Branch current = associations.get(session);
            if (current != null) {
                throw error(XAException.XAER_PROTO, "the session is already associated with " + current.id
                        + "; end that association first");
            }
            Branch branch;
            switch (flags) {
                case XAResource.TMNOFLAGS:
                    if (branches.containsKey(xid)) {
                        throw error(XAException.XAER_DUPID, xid + " already exists; use TMJOIN to join it");
                    }
                    branch = new Branch(xid, System.currentTimeMillis());
                    branches.put(xid, branch);
                    if (timeoutSeconds > 0) {
                        branch.timeout = scheduler.schedule(() -> timedOut(branch), timeoutSeconds, TimeUnit.SECONDS);
                    }
                    break;
                case XAResource.TMJOIN:
                    branch = known(xid);
                    checkNotRolledBack(branch);
                    break;
                case XAResource.TMRESUME:
                    branch = known(xid);
                    if (!branch.suspended.contains(session)) {
                        throw error(XAException.XAER_PROTO, "this session's association with " + xid
                                + " is not suspended; TMRESUME resumes a suspended association");
                    }
                    checkNotRolledBack(branch);
                    branch.suspended.remove(session);
                    break;
                default:
                    throw error(XAException.XAER_INVAL, "start accepts TMNOFLAGS, TMJOIN or TMRESUME, not flags "
                            + flags);
            }
            branch.associated.add(session);
            associations.put(session, branch);
            branch.settleState();
            session.associateBranch(true);
        }
    }

    /**
     * Ends a session's association: {@link XAResource#TMSUCCESS}, {@link XAResource#TMFAIL} (the branch may only
     * roll back) or {@link XAResource#TMSUSPEND}. The work the session did joins the branch.
     */
    public void end(BrokerSession session, TransactionBranch xid, int flags) throws XAException {
        if (flags != XAResource.TMSUCCESS && flags != XAResource.TMFAIL && flags != XAResource.TMSUSPEND) {
            throw error(XAException.XAER_INVAL, "end accepts TMSUCCESS, TMFAIL or TMSUSPEND, not flags " + flags);
        }
        // The session's work is taken outside this monitor: detaching waits for a running listener of the
        // session (its delivery lock), and a listener may itself call into the resource manager.
        BranchWork detached = isAssociated(session, xid) ? session.detachWork() : null;
        BranchWork rolledBack = null;
        int code;
        synchronized (this) {
            Branch branch = associations.get(session);
            if (branch == null || !branch.id.equals(xid)) {
                branch = known(xid);
            }
            if (branch.associated.contains(session)) {
                if (detached != null) {
                    branch.work.append(detached);
                }
                session.associateBranch(false);
                branch.associated.remove(session);
                associations.remove(session);
                if (flags == XAResource.TMSUSPEND) {
                    branch.suspended.add(session);
                }
            } else if (branch.suspended.contains(session) && flags != XAResource.TMSUSPEND) {
                branch.suspended.remove(session); // ending a suspended association (XA: allowed)
            } else {
                throw error(XAException.XAER_PROTO, "this session is not associated with " + xid);
            }
            if (flags == XAResource.TMFAIL) {
                branch.rollbackOnly = true;
            }
            branch.settleState();
            if (branch.state != State.ROLLED_BACK) {
                return;
            }
            // rolled back while this session worked for it: what it did is undone now
            code = branch.rollbackCode;
            rolledBack = takeWork(branch);
        }
        undo(rolledBack);
        throw error(code, xid + " was rolled back" + (code == XAException.XA_RBTIMEOUT ? " (timeout)" : ""));
    }

    /** A session closing inside a branch hands its work to the branch; its association ends with the branch. */
    public void sessionClosing(BrokerSession session) {
        Branch branch;
        synchronized (this) {
            branch = associations.get(session);
        }
        if (branch == null) {
            return;
        }
        BranchWork detached = session.detachWork();
        synchronized (this) {
            if (branch.state != State.ROLLED_BACK) {
                branch.work.append(detached);
                return;
            }
        }
        undo(detached);
    }

    private synchronized boolean isAssociated(BrokerSession session, TransactionBranch xid) {
        Branch branch = associations.get(session);
        return branch != null && branch.id.equals(xid);
    }

    // ---- completion --------------------------------------------------------------------------------------

    /** Prepares a branch: {@link XAResource#XA_RDONLY} when it did nothing, else writes it to the store. */
    public int prepare(TransactionBranch xid) throws XAException {
        Branch branch;
        synchronized (this) {
            branch = completable(xid);
            if (branch.work.isEmpty()) {
                forget(branch);
                return XAResource.XA_RDONLY;
            }
            forget(branch); // from here on the store decides what the branch is
        }
        boolean prepared;
        try {
            prepared = broker.store().prepare(xid, branch.work.toUnitOfWork(), branch.startedAt);
        } catch (StoreException | IllegalArgumentException e) {
            undo(branch.work);
            throw error(XAException.XA_RBOTHER, "preparing " + xid + " failed and it was rolled back: "
                    + e.getMessage(), e);
        }
        if (!prepared) {
            undo(branch.work);
            throw error(XAException.XA_RBTIMEOUT, xid + " was rolled back: the lease of a message it consumed "
                    + "expired before prepare (ferry.lease.timeout)");
        }
        return XAResource.XA_OK;
    }

    /** Commits a branch in one phase (never prepared) or two (prepared, possibly by another node or JVM). */
    public void commit(TransactionBranch xid, boolean onePhase) throws XAException {
        Branch branch;
        synchronized (this) {
            branch = branches.get(xid);
            if (branch != null) {
                if (!onePhase) {
                    throw error(XAException.XAER_PROTO, xid + " has not been prepared; commit it in one phase or "
                            + "prepare it first");
                }
                branch = completable(xid);
                forget(branch);
            }
        }
        if (branch == null) {
            if (onePhase) {
                throw error(XAException.XAER_NOTA, "unknown " + xid + " (a one-phase commit needs a branch "
                        + "started and ended on this resource manager)");
            }
            boolean found;
            try {
                found = broker.store().commitPrepared(xid);
            } catch (StoreException e) {
                throw error(XAException.XAER_RMFAIL, "committing prepared " + xid + " failed; it stays prepared: "
                        + e.getMessage(), e);
            }
            if (!found) {
                throw error(XAException.XAER_NOTA, "no prepared " + xid);
            }
            return;
        }
        if (branch.work.isEmpty()) {
            return;
        }
        try {
            broker.store().commit(branch.work.toUnitOfWork());
        } catch (StoreException | IllegalArgumentException e) {
            undo(branch.work);
            throw error(XAException.XA_RBOTHER, "committing " + xid + " failed and it was rolled back: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Rolls a branch back: buffered sends are dropped and consumed messages redelivered, or a prepared branch is
     * undone in the store. A branch some session still works for is rolled back when that session ends.
     */
    public void rollback(TransactionBranch xid) throws XAException {
        BranchWork work;
        synchronized (this) {
            Branch branch = branches.get(xid);
            if (branch == null) {
                work = null;
            } else if (!branch.associated.isEmpty()) {
                markRolledBack(branch, XAException.XA_RBROLLBACK);
                work = takeWork(branch);
                undo(work); // the rest is undone when the sessions end; a later rollback forgets the branch
                return;
            } else {
                work = takeWork(branch);
                forget(branch);
            }
        }
        if (work != null) {
            undo(work);
            return;
        }
        boolean found;
        try {
            found = broker.store().rollbackPrepared(xid);
        } catch (StoreException e) {
            throw error(XAException.XAER_RMFAIL, "rolling back prepared " + xid + " failed; it stays prepared: "
                    + e.getMessage(), e);
        }
        if (!found) {
            throw error(XAException.XAER_NOTA, "no prepared " + xid);
        }
    }

    /** Every branch prepared in the store, by any node, and not yet completed. */
    public List<TransactionBranch> recover() throws XAException {
        try {
            return broker.store().preparedBranches();
        } catch (StoreException e) {
            throw error(XAException.XAER_RMFAIL, "cannot list prepared branches: " + e.getMessage(), e);
        }
    }

    /**
     * Ferry never completes a branch heuristically (only the transaction manager decides a prepared branch), so
     * there is never a heuristic outcome to forget.
     */
    public void forget(TransactionBranch xid) throws XAException {
        synchronized (this) {
            if (branches.containsKey(xid)) {
                throw error(XAException.XAER_PROTO, xid + " is active; forget applies to heuristically completed "
                        + "branches, and Ferry completes none heuristically");
            }
        }
        boolean prepared;
        try {
            prepared = broker.store().preparedBranches().contains(xid);
        } catch (StoreException e) {
            throw error(XAException.XAER_RMFAIL, "cannot look up " + xid + ": " + e.getMessage(), e);
        }
        if (prepared) {
            throw error(XAException.XAER_PROTO, xid + " is prepared, not heuristically completed; commit or roll "
                    + "it back");
        }
        throw error(XAException.XAER_NOTA, "no heuristically completed " + xid + " (Ferry completes none "
                + "heuristically)");
    }

    // ---- internals ---------------------------------------------------------------------------------------

    private Branch known(TransactionBranch xid) throws XAException {
        Branch branch = branches.get(xid);
        if (branch == null) {
            throw error(XAException.XAER_NOTA, "unknown " + xid);
        }
        return branch;
    }

    /** The branch, checked to be ready for prepare or one-phase commit; a rollback-only one is rolled back here. */
    private Branch completable(TransactionBranch xid) throws XAException {
        Branch branch = known(xid);
        if (branch.state == State.ROLLED_BACK) {
            forget(branch);
            throw error(branch.rollbackCode, xid + " was rolled back"
                    + (branch.rollbackCode == XAException.XA_RBTIMEOUT ? " (transaction timeout)" : ""));
        }
        if (!branch.associated.isEmpty() || !branch.suspended.isEmpty()) {
            throw error(XAException.XAER_PROTO, xid + " still has " + (branch.associated.isEmpty() ? "suspended" :
                    "active") + " associations; end them (TMSUCCESS or TMFAIL) first");
        }
        if (branch.rollbackOnly) {
            forget(branch);
            undo(takeWork(branch));
            throw error(XAException.XA_RBROLLBACK, xid + " was marked rollback-only (ended with TMFAIL) and was "
                    + "rolled back");
        }
        if (branch.timeout != null) {
            branch.timeout.cancel(false);
        }
        return branch;
    }

    private void checkNotRolledBack(Branch branch) throws XAException {
        if (branch.state == State.ROLLED_BACK) {
            throw error(branch.rollbackCode, branch.id + " was rolled back");
        }
        if (branch.rollbackOnly) {
            throw error(XAException.XA_RBROLLBACK, branch.id + " is rollback-only");
        }
    }

    /** The timeout of a branch not prepared in time: it is rolled back, now or when its sessions end. */
    private void timedOut(Branch branch) {
        BranchWork work;
        synchronized (this) {
            if (branches.get(branch.id) != branch || branch.state == State.ROLLED_BACK) {
                return; // prepared, committed or rolled back meanwhile
            }
            LOG.log(System.Logger.Level.INFO, branch.id + " was not prepared within its timeout; rolling it back");
            markRolledBack(branch, XAException.XA_RBTIMEOUT);
            work = takeWork(branch);
        }
        undo(work);
    }

    private void markRolledBack(Branch branch, int code) {
        branch.state = State.ROLLED_BACK;
        branch.rollbackCode = code;
        if (branch.timeout != null) {
            branch.timeout.cancel(false);
        }
    }

    private static BranchWork takeWork(Branch branch) {
        BranchWork work = new BranchWork();
        work.append(branch.work);
        branch.work.clear();
        return work;
    }

    private void forget(Branch branch) {
        branches.remove(branch.id);
        if (branch.timeout != null) {
            branch.timeout.cancel(false);
        }
    }

    /**
     * Undoes work that never reached the store as a branch: the sends were only buffered, and the consumed
     * deliveries go back like those of a rolled-back local transaction (redelivered, or dead-lettered).
     */
    private void undo(BranchWork work) {
        if (work == null || work.isEmpty()) {
            return;
        }
        List<Settlement> settlements = work.returnSettlements(System.currentTimeMillis());
        work.clear();
        if (settlements.isEmpty()) {
            return;
        }
        try {
            Set<String> deadLetterQueues = new HashSet<>();
            for (Settlement settlement : settlements) {
                if (settlement instanceof Settlement.DeadLetter) {
                    deadLetterQueues.add(((Settlement.DeadLetter) settlement).deadLetterQueue());
                }
            }
            for (String queue : deadLetterQueues) {
                broker.destinations().ensureQueue(queue);
            }
            broker.store().settle(new ArrayList<>(settlements));
            broker.signals().wakeAll();
        } catch (RuntimeException e) {
            // the leases run out and the messages are redelivered anyway
            LOG.log(System.Logger.Level.WARNING, "returning the messages of a rolled-back branch failed; they "
                    + "return when their leases expire", e);
        }
    }

    private static XAException error(int code, String message) {
        XAException exception = new XAException(message);
        exception.errorCode = code;
        return exception;
    }

    private static XAException error(int code, String message, Throwable cause) {
        XAException exception = error(code, message);
        exception.initCause(cause);
        return exception;
    }
}
