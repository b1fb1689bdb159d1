package dev.ferry.store.database;

import dev.ferry.store.StoreException;
import dev.ferry.store.TransactionBranch;
import dev.ferry.store.schema.SupportedDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The rows of prepared XA branches ({@code ferry_xa_branch}) and the marks a prepared branch leaves on its
 * deliveries. A prepared branch's sent deliveries carry {@code lease_owner = 'xa-send:<id>'} and the deliveries it
 * consumed {@code 'xa-held:<id>'}, both with {@code lease_expires_at} at its maximum: claims take only unleased
 * deliveries, the heartbeat renews only its node's leases, and lease recovery frees only leases that expire, so
 * such deliveries stay exactly where prepare put them until the branch is committed or rolled back, whatever
 * happens to the node that prepared it. Every method runs inside the caller's transaction.
 */
final class PreparedBranches {

    /** Lease owners of prepared branches start with this; no node id (a UUID) does. */
    static final String MARK_PREFIX = "xa-";
    /** A lease that never expires: prepared deliveries wait for the transaction manager, not for a clock. */
    static final long NEVER = Long.MAX_VALUE;

    /** A delivery the branch was to acknowledge is no longer leased by this node: the branch must roll back. */
    static final class LeaseLost extends StoreException {
        private static final long serialVersionUID = 1L;

        LeaseLost(String message) {
            super(message);
        }
    }

    private final SupportedDatabase database;
    private final StoreSql sql;
    private final IdBlocks branchIds;

    PreparedBranches(SupportedDatabase database, StoreSql sql) {
        this.database = database;
        this.sql = sql;
        this.branchIds = new IdBlocks(sql.nextValue("ferry_xa_branch_seq"), 1);
    }

    static String sendMark(long branchId) {
        return MARK_PREFIX + "send:" + branchId;
    }

    static String heldMark(long branchId) {
        return MARK_PREFIX + "held:" + branchId;
    }

    /** Inserts the branch row; a branch prepared before fails on the unique Xid. Returns the branch's row id. */
    long insert(Connection c, TransactionBranch branch, String nodeId, long startedAt, long now) throws SQLException {
        long id = branchIds.nextId(c);
        try (PreparedStatement statement = c.prepareStatement("INSERT INTO ferry_xa_branch (id, format_id, "
                + "global_id, branch_qualifier, node, started_at, prepared_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            statement.setLong(1, id);
            statement.setInt(2, branch.formatId());
            statement.setBytes(3, branch.globalId());
            statement.setBytes(4, branch.branchQualifier());
            statement.setString(5, nodeId);
            statement.setLong(6, startedAt);
            statement.setLong(7, now);
            statement.executeUpdate();
        }
        return id;
    }

    /** Hides the branch's freshly inserted deliveries until commit. */
    void markSent(Connection c, long branchId, List<Long> deliveryIds) throws SQLException {
        if (deliveryIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = c.prepareStatement(
                "UPDATE ferry_delivery SET lease_owner = ?, lease_expires_at = ? WHERE id = ANY(?)")) {
            statement.setString(1, sendMark(branchId));
            statement.setLong(2, NEVER);
            statement.setArray(3, StoreSql.longArray(c, deliveryIds));
            statement.executeUpdate();
        }
    }

    /**
     * Moves the consumed deliveries from this node's lease into the branch; throws {@link LeaseLost} (rolling
     * the caller's transaction back) when one of them is no longer this node's.
     */
    void hold(Connection c, long branchId, List<Long> deliveryIds, String nodeId) throws SQLException {
        Set<Long> distinct = new HashSet<>(deliveryIds);
        if (distinct.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET lease_owner = ?, "
                + "lease_expires_at = ? WHERE id = ANY(?) AND " + StoreSql.LEASED_BY)) {
            statement.setString(1, heldMark(branchId));
            statement.setLong(2, NEVER);
            statement.setArray(3, StoreSql.longArray(c, new ArrayList<>(distinct)));
            statement.setString(4, nodeId);
            int held = statement.executeUpdate();
            if (held != distinct.size()) {
                throw new LeaseLost((distinct.size() - held) + " of the " + distinct.size()
                        + " deliveries the branch consumed are no longer leased by this node (lease expired)");
            }
        }
    }

    /** Locks the branch's row (so that two nodes cannot complete it at once); empty when it is not prepared. */
    OptionalLong lock(Connection c, TransactionBranch branch) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT id FROM ferry_xa_branch WHERE format_id = ? "
                + "AND global_id = ? AND branch_qualifier = ? FOR UPDATE")) {
            statement.setInt(1, branch.formatId());
            statement.setBytes(2, branch.globalId());
            statement.setBytes(3, branch.branchQualifier());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Makes the branch's sends ready to be claimed; returns the queues that gained deliveries. */
    Set<Long> publishSends(Connection c, long branchId) throws SQLException {
        return release(c, "UPDATE ferry_delivery d SET " + SelectiveClaim.renewReadySeq(database)
                + "lease_owner = NULL, lease_expires_at = 0 WHERE d.lease_owner = ?", sendMark(branchId), null);
    }

    /**
     * Returns the deliveries the branch consumed to their queues, ready at {@code readyAt}, with their delivery
     * count kept (the next claim increments it: JMSRedelivered); returns the queues they went back to.
     */
    Set<Long> returnHeld(Connection c, long branchId, long readyAt) throws SQLException {
        return release(c, "UPDATE ferry_delivery d SET " + SelectiveClaim.renewReadySeq(database)
                + "lease_owner = NULL, lease_expires_at = 0, ready_at = ? WHERE d.lease_owner = ?",
                heldMark(branchId), readyAt);
    }

    private Set<Long> release(Connection c, String update, String mark, Long readyAt) throws SQLException {
        Set<Long> queues = new HashSet<>();
        try (PreparedStatement statement = c.prepareStatement(sql.returning(update, "queue_id"))) {
            int index = 1;
            if (readyAt != null) {
                statement.setLong(index++, readyAt);
            }
            statement.setString(index, mark);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    queues.add(rs.getLong(1));
                }
            }
        }
        return queues;
    }

    void delete(Connection c, long branchId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("DELETE FROM ferry_xa_branch WHERE id = ?")) {
            statement.setLong(1, branchId);
            statement.executeUpdate();
        }
    }

    /** Every prepared branch of the store, oldest first. */
    static List<TransactionBranch> all(Connection c) throws SQLException {
        List<TransactionBranch> branches = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT format_id, global_id, branch_qualifier FROM ferry_xa_branch ORDER BY id");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                branches.add(new TransactionBranch(rs.getInt(1), rs.getBytes(2), rs.getBytes(3)));
            }
        }
        return branches;
    }
}
