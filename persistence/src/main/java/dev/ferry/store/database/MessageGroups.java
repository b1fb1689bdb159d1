package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.schema.SupportedDatabase;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Message groups ({@code JMSXGroupID}) in the store: which consumer of a delivery queue owns a group
 * ({@code ferry_group}), and the rule a claim applies to a grouped delivery. Ungrouped deliveries never touch any
 * of this: the rule is {@code group_id IS NULL OR ...}, and everything else runs only for claimed grouped ones.
 *
 * <p>The rule: a grouped delivery may be leased by a consumer when no other consumer owns its group and no earlier
 * delivery of the group (in send order, by id) is still waiting in the queue. So a group goes to one consumer at a
 * time, in send order whatever the priorities, and a message released for redelivery holds back the later ones of
 * its group until it is delivered again. Ownership is taken with the lease of the group's first waiting delivery:
 * that row can be leased by one claimer only (row locks), so two consumers never both take a free group.
 */
final class MessageGroups {

    /**
     * Condition on a ready delivery {@code d}: ungrouped, or its group is free or owned by the claiming consumer
     * and it is the first waiting delivery of the group. Parameters: the consumer, then now (epoch millis).
     */
    static final String ELIGIBLE = "(d.group_id IS NULL OR ("
            + "NOT EXISTS (SELECT 1 FROM ferry_group g WHERE g.queue_id = d.queue_id AND g.group_id = d.group_id"
            + " AND g.owner_consumer <> ?)"
            + " AND NOT EXISTS (SELECT 1 FROM ferry_delivery e WHERE e.queue_id = d.queue_id"
            + " AND e.group_id = d.group_id AND e.id < d.id AND e.lease_owner IS NULL"
            + " AND (e.expires_at = 0 OR e.expires_at > ?))))";

    /** "No delivery of group g is leased": a group is given up only once nothing of it is in flight. */
    private static final String NOTHING_LEASED = "NOT EXISTS (SELECT 1 FROM ferry_delivery d"
            + " WHERE d.queue_id = ferry_group.queue_id AND d.group_id = ferry_group.group_id"
            + " AND d.lease_owner IS NOT NULL)";

    /** A group of one delivery queue. */
    record Key(long queueId, String groupId) {
    }

    private MessageGroups() {
    }

    static boolean anyGrouped(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            if (delivery.message().groupId() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records that {@code consumer} owns the groups of the grouped deliveries it has just leased, in the claim's
     * transaction. An existing row is the consumer's own (the claim rule let no one else's group through).
     */
    static void own(SupportedDatabase database, Connection c, List<Delivery> claimed, String consumer,
                    String nodeId, long leaseUntil) throws SQLException {
        Set<Key> groups = new HashSet<>();
        for (Delivery delivery : claimed) {
            if (delivery.message().groupId() != null) {
                groups.add(new Key(delivery.queueId(), delivery.message().groupId()));
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        String upsert = database == SupportedDatabase.POSTGRESQL
                ? "INSERT INTO ferry_group (queue_id, group_id, owner_consumer, owner_node, lease_expires_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (queue_id, group_id) DO NOTHING"
                : "MERGE INTO ferry_group (queue_id, group_id, owner_consumer, owner_node, lease_expires_at) "
                        + "KEY (queue_id, group_id) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement statement = c.prepareStatement(upsert)) {
            for (Key group : groups) {
                statement.setLong(1, group.queueId());
                statement.setString(2, group.groupId());
                statement.setString(3, consumer);
                statement.setString(4, nodeId);
                statement.setLong(5, leaseUntil);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * The deliveries of one claim in the order the consumer gets them: the claim's order (priority, then send
     * order), except that the deliveries of each group take the places the group occupies in send order, so that
     * priority never reorders a group.
     */
    static List<Delivery> inGroupOrder(List<Delivery> claimed) {
        List<Delivery> ordered = new ArrayList<>(claimed);
        ordered.sort((a, b) -> a.message().priority() != b.message().priority()
                ? Integer.compare(b.message().priority(), a.message().priority())
                : Long.compare(a.deliveryId(), b.deliveryId()));
        Map<Key, List<Integer>> places = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            String group = ordered.get(i).message().groupId();
            if (group != null) {
                places.computeIfAbsent(new Key(ordered.get(i).queueId(), group), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> slots : places.values()) {
            if (slots.size() < 2) {
                continue;
            }
            List<Delivery> members = new ArrayList<>(slots.size());
            for (int slot : slots) {
                members.add(ordered.get(slot));
            }
            members.sort((a, b) -> Long.compare(a.deliveryId(), b.deliveryId()));
            for (int i = 0; i < slots.size(); i++) {
                ordered.set(slots.get(i), members.get(i));
            }
        }
        return ordered;
    }

    /** Gives up every group a consumer owns (it closed); returns the queues whose groups became free. */
    static Set<Long> releaseConsumer(StoreSql sql, Connection c, String consumer) throws SQLException {
        Set<Long> queues = new HashSet<>();
        try (PreparedStatement statement = c.prepareStatement(
                sql.returning("DELETE FROM ferry_group WHERE owner_consumer = ?", "queue_id"))) {
            statement.setString(1, consumer);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    queues.add(rs.getLong(1));
                }
            }
        }
        return queues;
    }

    /**
     * Gives up groups of a consumer that has none of their deliveries in flight any more (the last message of
     * the group was consumed, or the consumer's selector refuses the group's next message); returns how many.
     */
    static int releaseIfIdle(Connection c, long queueId, List<String> groupIds, String consumer) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("DELETE FROM ferry_group WHERE queue_id = ? "
                + "AND group_id = ANY(?) AND owner_consumer = ? AND " + NOTHING_LEASED)) {
            statement.setLong(1, queueId);
            statement.setArray(2, c.createArrayOf("VARCHAR", groupIds.toArray(new String[0])));
            statement.setString(3, consumer);
            return statement.executeUpdate();
        }
    }

    /** Extends the leases of the groups owned by consumers of a node (its heartbeat). */
    static void renew(Connection c, String nodeId, long leaseUntil) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "UPDATE ferry_group SET lease_expires_at = ? WHERE owner_node = ?")) {
            statement.setLong(1, leaseUntil);
            statement.setString(2, nodeId);
            statement.executeUpdate();
        }
    }

    /**
     * Frees groups whose owner's node stopped renewing them, once their in-flight deliveries have returned to the
     * queue (lease recovery, in the same transaction and after it): the next owner then starts with the oldest
     * message of the group. Returns the queues whose groups became free.
     */
    static Set<Long> recoverExpired(StoreSql sql, Connection c, long now) throws SQLException {
        Set<Long> queues = new HashSet<>();
        try (PreparedStatement statement = c.prepareStatement(sql.returning(
                "DELETE FROM ferry_group WHERE lease_expires_at < ? AND " + NOTHING_LEASED, "queue_id"))) {
            statement.setLong(1, now);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    queues.add(rs.getLong(1));
                }
            }
        }
        return queues;
    }

    /** Gives up every group owned on a node (the node closes). */
    static void releaseNode(Connection c, String nodeId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("DELETE FROM ferry_group WHERE owner_node = ?")) {
            statement.setString(1, nodeId);
            statement.executeUpdate();
        }
    }

    /** Gives up every group owned on a node other than {@code live} (an exclusive embedded database opens). */
    static void releaseNodesOtherThan(Connection c, Array live) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "DELETE FROM ferry_group WHERE NOT (owner_node = ANY(?))")) {
            statement.setArray(1, live);
            statement.executeUpdate();
        }
    }
}
