package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.StoreException;
import dev.ferry.store.Subscription;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.admin.AuditEntry;
import dev.ferry.store.admin.AuditQuery;
import dev.ferry.store.admin.BrowseRequest;
import dev.ferry.store.admin.BulkJob;
import dev.ferry.store.admin.DestinationConfiguration;
import dev.ferry.store.admin.MessageDetail;
import dev.ferry.store.admin.MessageEdit;
import dev.ferry.store.admin.MessageFilter;
import dev.ferry.store.admin.MessagePage;
import dev.ferry.store.admin.MessageSummary;
import dev.ferry.store.admin.NodeInfo;
import dev.ferry.store.admin.PageCursor;
import dev.ferry.store.admin.Preview;
import dev.ferry.store.admin.PropertyRewrite;
import dev.ferry.store.admin.QueueOverview;
import dev.ferry.store.admin.ReplayOptions;
import dev.ferry.store.admin.RetainedMessage;
import dev.ferry.store.admin.RetainedSelection;
import dev.ferry.store.admin.Selection;
import dev.ferry.store.admin.StoreAdministration;
import dev.ferry.store.admin.SubscriptionOverview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link StoreAdministration} on the database store. Reads are single transactions; every change is a
 * transaction (bulk work: one per batch) followed by the store's wake-up listeners for the queues that gained
 * ready deliveries, as after a send. Deliveries leased to consumers are never changed: every changing statement
 * carries {@code lease_owner IS NULL}. Filters whose criteria only Java can evaluate run outside transactions,
 * between the read of a batch and the transaction acting on it, so the predicate never holds locks.
 */
final class DatabaseAdministration implements StoreAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAdministration.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Rows read per round trip when a browse must look at rows in Java. */
    private static final int SCAN_BATCH = 500;

    private final DatabaseMessageStore store;
    private final ExecutorService jobs = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "ferry-admin-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    DatabaseAdministration(DatabaseMessageStore store) {
        this.store = store;
    }

    private boolean h2() {
        return store.database() == dev.ferry.store.schema.SupportedDatabase.H2;
    }

    void shutdown() {
        jobs.shutdownNow();
    }

    // ---- overview ---------------------------------------------------------------------------------------

    @Override
    public List<QueueOverview> overview() {
        return store.inReadTransaction("overview", c -> overviewRows(c, null));
    }

    @Override
    public Optional<QueueOverview> overview(long queueId) {
        return store.inReadTransaction("overview of queue " + queueId, c -> overviewRows(c, queueId)).stream().findFirst();
    }

    private List<QueueOverview> overviewRows(Connection c, Long onlyQueue) throws SQLException {
        long now = System.currentTimeMillis();
        // this node's counts are written first, so that what it did itself is current
        store.counters().write(c, store.database(), store.nodeId());
        String where = onlyQueue == null ? "" : " WHERE d.queue_id = ?";
        Map<Long, long[]> counts = new HashMap<>();
        try (PreparedStatement statement = c.prepareStatement("SELECT d.queue_id, "
                + "SUM(CASE WHEN d.lease_owner IS NULL AND d.ready_at <= ? AND (d.expires_at = 0 OR d.expires_at > ?) "
                + "THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN d.lease_owner IS NOT NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN d.lease_owner IS NULL AND d.ready_at > ? AND (d.expires_at = 0 OR d.expires_at > ?) "
                + "THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN d.original_destination IS NOT NULL AND COALESCE(d.failure_reason, '') <> 'expired' "
                + "THEN 1 ELSE 0 END), "
                + "COUNT(DISTINCT d.lease_owner) "
                + "FROM ferry_delivery d" + where + " GROUP BY d.queue_id")) {
            for (int i = 1; i <= 4; i++) {
                statement.setLong(i, now);
            }
            if (onlyQueue != null) {
                statement.setLong(5, onlyQueue);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6)});
                }
            }
        }
        Map<Long, long[]> rates = new HashMap<>();
        try (PreparedStatement statement = c.prepareStatement("SELECT queue_id, SUM(enqueued), SUM(dequeued) "
                + "FROM ferry_queue_counter" + (onlyQueue == null ? "" : " WHERE queue_id = ?") + " GROUP BY queue_id")) {
            if (onlyQueue != null) {
                statement.setLong(1, onlyQueue);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rates.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        List<QueueOverview> result = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement("SELECT q.id, q.destination_id, t.name, q.kind, "
                + "q.subscription_name, q.client_id, q.durable, t.paused, q.expired_count "
                + "FROM ferry_queue q JOIN ferry_destination t ON t.id = q.destination_id"
                + (onlyQueue == null ? "" : " WHERE q.id = ?") + " ORDER BY q.kind, t.name, q.id")) {
            if (onlyQueue != null) {
                statement.setLong(1, onlyQueue);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long queueId = rs.getLong(1);
                    long[] n = counts.getOrDefault(queueId, new long[5]);
                    long[] r = rates.getOrDefault(queueId, new long[2]);
                    boolean subscription = "S".equals(rs.getString(4));
                    result.add(new QueueOverview(queueId, rs.getLong(2), rs.getString(3),
                            subscription ? DestinationKind.TOPIC : DestinationKind.QUEUE,
                            rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8),
                            n[0], n[1], n[2], n[3], rs.getLong(9), 0, r[0], r[1], (int) n[4]));
                }
            }
        }
        for (int i = 0; i < result.size(); i++) {
            QueueOverview o = result.get(i);
            if (o.ready() > 0) {
                long oldest = oldestReady(c, o.queueId(), now);
                result.set(i, new QueueOverview(o.queueId(), o.destinationId(), o.destinationName(), o.kind(),
                        o.subscriptionName(), o.clientId(), o.durable(), o.paused(), o.ready(), o.inFlight(),
                        o.scheduled(), o.deadLettered(), o.expired(), oldest, o.enqueued(), o.dequeued(),
                        o.leaseHolders()));
            }
        }
        return result;
    }

    private static long oldestReady(Connection c, long queueId, long now) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT m.sent_at" + AdminRows.FROM
                + " WHERE d.queue_id = ? AND d.lease_owner IS NULL AND d.ready_at <= ?"
                + " AND (d.expires_at = 0 OR d.expires_at > ?) ORDER BY d.queue_id, d.id FETCH FIRST 1 ROWS ONLY")) {
            statement.setLong(1, queueId);
            statement.setLong(2, now);
            statement.setLong(3, now);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public List<SubscriptionOverview> subscriptions() {
        Map<Long, QueueOverview> counts = new HashMap<>();
        overview().forEach(o -> counts.put(o.queueId(), o));
        List<SubscriptionOverview> result = new ArrayList<>();
        for (Destination destination : store.destinations()) {
            if (destination.kind() == DestinationKind.TOPIC) {
                for (Subscription subscription : store.subscriptions(destination.id())) {
                    QueueOverview o = counts.get(subscription.queueId());
                    if (o != null) {
                        result.add(new SubscriptionOverview(subscription, o));
                    }
                }
            }
        }
        return result;
    }

    @Override
    public List<NodeInfo> nodes() {
        return store.inTransaction("list nodes", c -> {
            List<NodeInfo> nodes = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT n.id, n.host, n.pid, n.started_at, "
                    + "n.heartbeat_at, (SELECT COUNT(*) FROM ferry_delivery d WHERE d.lease_owner = n.id) "
                    + "FROM ferry_node n ORDER BY n.started_at, n.id");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new NodeInfo(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
            return nodes;
        });
    }

    // ---- destinations -----------------------------------------------------------------------------------

    @Override
    public List<DestinationConfiguration> destinations() {
        Map<Long, Long> retention = store.inTransaction("list retention", c -> {
            Map<Long, Long> values = new HashMap<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT id, retention_ms FROM ferry_destination");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getLong(1), rs.getLong(2));
                }
            }
            return values;
        });
        List<DestinationConfiguration> result = new ArrayList<>();
        for (Destination destination : store.destinations()) {
            result.add(new DestinationConfiguration(destination,
                    Duration.ofMillis(retention.getOrDefault(destination.id(), 0L))));
        }
        return result;
    }

    @Override
    public Optional<DestinationConfiguration> destination(long destinationId) {
        return destinations().stream().filter(d -> d.id() == destinationId).findFirst();
    }

    private DestinationConfiguration requireDestination(long destinationId, String action) {
        return destination(destinationId).orElseThrow(() -> new StoreException("cannot " + action
                + " destination " + destinationId + ": no such destination"));
    }

    @Override
    public DestinationConfiguration createDestination(String name, DestinationKind kind, DestinationPolicy policy,
                                                      Duration retention, String operator) {
        requireOperator(operator);
        Objects.requireNonNull(kind, "kind");
        requireRetention(retention);
        if (store.findDestination(name, kind).isPresent()) {
            throw new StoreException("cannot create " + kind.name().toLowerCase() + " " + name
                    + ": it exists already");
        }
        Destination created = store.createDestinationIfAbsent(name, kind);
        store.updatePolicy(created.id(), policy == null ? DestinationPolicy.DEFAULTS : policy);
        setRetention(created.id(), retention);
        DestinationConfiguration result = requireDestination(created.id(), "create");
        audit(operator, "create-destination", label(result), null, 0, describe(result));
        return result;
    }

    @Override
    public void deleteDestination(long destinationId, String operator) {
        requireOperator(operator);
        DestinationConfiguration existing = requireDestination(destinationId, "delete");
        long held = overview().stream().filter(o -> o.destinationId() == destinationId)
                .mapToLong(QueueOverview::depth).sum();
        store.deleteDestination(destinationId);
        audit(operator, "delete-destination", label(existing), null, held, describe(existing));
    }

    @Override
    public DestinationConfiguration configure(long destinationId, DestinationPolicy policy, Duration retention,
                                              String operator) {
        requireOperator(operator);
        Objects.requireNonNull(policy, "policy");
        requireRetention(retention);
        DestinationConfiguration before = requireDestination(destinationId, "configure");
        store.updatePolicy(destinationId, policy);
        setRetention(destinationId, retention);
        DestinationConfiguration after = requireDestination(destinationId, "configure");
        audit(operator, "configure", label(after), null, 0, "before: " + describe(before) + "; after: " + describe(after));
        return after;
    }

    @Override
    public DestinationConfiguration pause(long destinationId, String operator) {
        return setPaused(destinationId, true, operator);
    }

    @Override
    public DestinationConfiguration resume(long destinationId, String operator) {
        return setPaused(destinationId, false, operator);
    }

    private DestinationConfiguration setPaused(long destinationId, boolean paused, String operator) {
        requireOperator(operator);
        DestinationConfiguration before = requireDestination(destinationId, paused ? "pause" : "resume");
        DestinationPolicy p = before.destination().policy();
        // updatePolicy wakes the consumers of a resumed queue
        store.updatePolicy(destinationId, new DestinationPolicy(p.deadLetterQueue(), p.maxDeliveryAttempts(),
                p.redeliveryDelayMillis(), p.redeliveryBackoff(), p.maxRedeliveryDelayMillis(), p.expiryQueue(),
                paused));
        if (!paused && before.destination().kind() == DestinationKind.TOPIC) {
            Set<Long> queues = new HashSet<>();
            store.subscriptions(destinationId).forEach(s -> queues.add(s.queueId()));
            store.wake(queues);
        }
        DestinationConfiguration after = requireDestination(destinationId, paused ? "pause" : "resume");
        audit(operator, paused ? "pause" : "resume", label(after), null, 0, null);
        return after;
    }

    private void setRetention(long destinationId, Duration retention) {
        store.inTransaction("set retention of destination " + destinationId, c -> {
            try (PreparedStatement statement = c.prepareStatement(
                    "UPDATE ferry_destination SET retention_ms = ? WHERE id = ?")) {
                statement.setLong(1, retention.toMillis());
                statement.setLong(2, destinationId);
                return statement.executeUpdate();
            }
        });
        if (!retention.isZero()) {
            store.retained().markInUse();
        }
    }

    private static void requireRetention(Duration retention) {
        Objects.requireNonNull(retention, "retention (Duration.ZERO for none)");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
    }

    @Override
    public boolean deleteSubscription(long queueId, String operator) {
        requireOperator(operator);
        Optional<QueueOverview> existing = overview(queueId);
        if (existing.isEmpty() || !existing.get().isSubscription()) {
            return false;
        }
        boolean deleted = store.deleteSubscription(queueId);
        if (deleted) {
            audit(operator, "delete-subscription", queueLabel(existing.get()), null, existing.get().depth(), null);
        }
        return deleted;
    }

    // ---- browsing ---------------------------------------------------------------------------------------

    @Override
    public MessagePage browse(BrowseRequest request) {
        Objects.requireNonNull(request, "request");
        MessageFilter filter = request.filter();
        boolean backward = request.before() != null;
        PageCursor from = backward ? request.before() : request.after();
        AdminRows.Scan scan = new AdminRows.Scan(request.queueId(), request.sort(),
                request.descending() ^ backward, filter, from, false, h2());
        int wanted = request.pageSize() + 1; // one more than the page tells whether another page follows
        List<AdminRows.Row> matches = new ArrayList<>();
        long scanned = 0;
        AdminRows.Row lastScanned = null;
        boolean limitReached = false;
        while (matches.size() < wanted && !scan.exhausted()) {
            int batch = filter.needsScan()
                    ? (int) Math.min(SCAN_BATCH, request.scanLimit() - scanned) : wanted - matches.size();
            if (batch <= 0) {
                limitReached = true;
                break;
            }
            List<AdminRows.Row> rows = store.inReadTransaction("browse queue " + request.queueId(),
                    c -> scan.next(c, batch));
            for (AdminRows.Row row : rows) {
                scanned++;
                lastScanned = row;
                if (!filter.needsScan() || AdminRows.acceptsInJava(filter, row.delivery())) {
                    matches.add(row);
                    if (matches.size() == wanted) {
                        break;
                    }
                }
            }
        }
        boolean more = matches.size() == wanted;
        if (more) {
            matches.remove(matches.size() - 1);
        }
        long now = System.currentTimeMillis();
        List<MessageSummary> summaries = new ArrayList<>(matches.size());
        matches.forEach(row -> summaries.add(row.summary(now)));
        // where the scan would go on (in scan direction): after the last row shown, or, when the scan limit cut
        // it short, after the last row looked at; null when the queue has nothing more that way
        PageCursor beyond = more ? matches.get(matches.size() - 1).cursor(request.sort())
                : limitReached && lastScanned != null ? lastScanned.cursor(request.sort()) : null;
        if (!backward) {
            PageCursor previous = request.after() == null ? null
                    : summaries.isEmpty() ? request.after() : matches.get(0).cursor(request.sort());
            return new MessagePage(summaries, previous, beyond, scanned, limitReached);
        }
        Collections.reverse(summaries);
        Collections.reverse(matches);
        PageCursor next = summaries.isEmpty() ? request.before() : matches.get(matches.size() - 1).cursor(request.sort());
        return new MessagePage(summaries, beyond, next, scanned, limitReached);
    }

    @Override
    public Optional<MessageDetail> detail(long deliveryId) {
        long now = System.currentTimeMillis();
        return store.inReadTransaction("detail of delivery " + deliveryId, c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT " + AdminRows.COLUMNS + AdminRows.FROM
                    + " WHERE d.id = ?")) {
                statement.setLong(1, deliveryId);
                List<AdminRows.Row> rows = AdminRows.readAll(statement);
                if (rows.isEmpty()) {
                    return Optional.<MessageDetail>empty();
                }
                AdminRows.Row row = rows.get(0);
                return Optional.of(new MessageDetail(row.delivery(), queueLabel(c, row.delivery().queueId()),
                        row.state(now), row.readyAt(), row.expiresAt(), row.leaseOwner(), row.leaseExpiresAt(),
                        row.replayCount(), row.replayedAt(), row.replayedBy()));
            }
        });
    }

    @Override
    public Preview preview(Selection selection) {
        Objects.requireNonNull(selection, "selection");
        if (selection instanceof Selection.Ids) {
            Selection.Ids ids = (Selection.Ids) selection;
            return store.inReadTransaction("preview", c -> {
                long matching = 0;
                long leased = 0;
                for (List<Long> chunk : chunks(ids.deliveryIds(), DEFAULT_BATCH_SIZE)) {
                    try (PreparedStatement statement = c.prepareStatement("SELECT COUNT(*), "
                            + "SUM(CASE WHEN d.lease_owner IS NULL THEN 0 ELSE 1 END) FROM ferry_delivery d "
                            + "WHERE d.id = ANY(?) AND COALESCE(d.queue_id, 0) = ?")) {
                        statement.setArray(1, StoreSql.longArray(c, chunk));
                        statement.setLong(2, ids.queueId());
                        try (ResultSet rs = statement.executeQuery()) {
                            rs.next();
                            matching += rs.getLong(1);
                            leased += rs.getLong(2);
                        }
                    }
                }
                return new Preview(matching, leased);
            });
        }
        MessageFilter filter = ((Selection.Filtered) selection).filter();
        if (!filter.needsScan()) {
            return store.inReadTransaction("preview", c -> {
                List<Object> parameters = new ArrayList<>();
                String criteria = AdminRows.sqlCriteria(filter, parameters, "m", "d");
                try (PreparedStatement statement = c.prepareStatement("SELECT COUNT(*), "
                        + "SUM(CASE WHEN d.lease_owner IS NULL THEN 0 ELSE 1 END)"
                        + (AdminRows.needsMessage(filter) ? AdminRows.FROM : " FROM ferry_delivery d")
                        + " WHERE d.queue_id = ?" + criteria)) {
                    statement.setLong(1, selection.queueId());
                    AdminRows.bind(statement, 2, parameters);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        return new Preview(rs.getLong(1), rs.getLong(2));
                    }
                }
            });
        }
        AdminRows.Scan scan = new AdminRows.Scan(selection.queueId(), dev.ferry.store.admin.SortColumn.SEND_ORDER,
                false, filter, null, false, h2());
        long matching = 0;
        long leased = 0;
        while (!scan.exhausted()) {
            List<AdminRows.Row> rows = store.inReadTransaction("preview", c -> scan.next(c, DEFAULT_BATCH_SIZE));
            for (AdminRows.Row row : rows) {
                if (AdminRows.acceptsInJava(filter, row.delivery())) {
                    matching++;
                    if (row.leased()) {
                        leased++;
                    }
                }
            }
        }
        return new Preview(matching, leased);
    }

    // ---- operations -------------------------------------------------------------------------------------

    /** Acts on a batch of unleased deliveries of one queue inside a transaction; returns how many it touched. */
    private interface IdWork {
        int apply(Connection c, List<Long> ids) throws SQLException;
    }

    /** Acts on a batch of rows (unleased unless the operation reads only); returns how many it touched. */
    private interface RowWork {
        int apply(List<AdminRows.Row> rows);
    }

    private interface JobBody {
        void run(AdminJob job);
    }

    @Override
    public BulkJob delete(Selection selection, String operator) {
        Objects.requireNonNull(selection, "selection");
        String operation = selection instanceof Selection.Filtered ? "purge" : "delete";
        return start(operation, operator, queueLabel(selection.queueId()), selection.describe(), null, job ->
                forEachIdBatch(job, selection, DEFAULT_BATCH_SIZE, (c, ids) -> store.deleteDeliveries(c,
                        "DELETE FROM ferry_delivery d WHERE d.id = ANY(?) AND COALESCE(d.queue_id, 0) = ? "
                                + "AND d.lease_owner IS NULL", statement -> {
                            statement.setArray(1, StoreSql.longArray(c, ids));
                            statement.setLong(2, selection.queueId());
                        })));
    }

    @Override
    public BulkJob move(Selection selection, String targetQueue, String operator) {
        Objects.requireNonNull(selection, "selection");
        requireOperator(operator);
        long target = store.createDestinationIfAbsent(targetQueue, DestinationKind.QUEUE).queueId();
        if (target == selection.queueId()) {
            throw new IllegalArgumentException("cannot move messages of queue " + targetQueue + " to itself");
        }
        String renew = SelectiveClaim.renewReadySeq(store.database());
        return start("move", operator, queueLabel(selection.queueId()), selection.describe(), "to " + targetQueue,
                job -> {
                    forEachIdBatch(job, selection, DEFAULT_BATCH_SIZE, (c, ids) -> {
                        try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET " + renew
                                + "queue_id = ? WHERE id = ANY(?) AND COALESCE(queue_id, 0) = ? "
                                + "AND lease_owner IS NULL")) {
                            statement.setLong(1, target);
                            statement.setArray(2, StoreSql.longArray(c, ids));
                            statement.setLong(3, selection.queueId());
                            int moved = statement.executeUpdate();
                            store.counters().enqueued(target, moved);
                            return moved;
                        }
                    }, Set.of(target));
                });
    }

    @Override
    public BulkJob replayDeadLetters(Selection selection, ReplayOptions options, String operator) {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(options, "options");
        requireOperator(operator);
        Long explicitTarget = options.target() == null ? null
                : store.createDestinationIfAbsent(options.target(), DestinationKind.QUEUE).queueId();
        String detail = (options.target() == null ? "to original destinations" : "to " + options.target())
                + (options.properties() == PropertyRewrite.KEEP_ALL ? "" : "; properties rewritten");
        if (options.properties() == PropertyRewrite.KEEP_ALL) {
            // set-based: one UPDATE per target queue and batch, no message read
            Set<Long> woken = ConcurrentHashMap.newKeySet();
            Map<String, Long> originals = new ConcurrentHashMap<>();
            return start("replay-dead-letters", operator, queueLabel(selection.queueId()), selection.describe(),
                    detail, job -> forEachIdBatch(job, selection, options.batchSize(),
                            (c, ids) -> replayByTarget(c, selection.queueId(), ids, explicitTarget, originals, woken,
                                    operator), woken));
        }
        return start("replay-dead-letters", operator, queueLabel(selection.queueId()), selection.describe(), detail,
                job -> {
                    Map<String, Long> originals = new HashMap<>();
                    forEachRowBatch(job, selection, options.batchSize(), false, rows -> {
                        Map<Long, Long> targets = new LinkedHashMap<>();
                        for (AdminRows.Row row : rows) {
                            Long target = explicitTarget;
                            if (target == null && row.delivery().originalDestination() != null) {
                                target = originals.computeIfAbsent(row.delivery().originalDestination(),
                                        name -> store.findDestination(name, DestinationKind.QUEUE)
                                                .map(Destination::queueId).orElse(0L));
                            }
                            if (target != null && target != 0 && target != row.delivery().queueId()
                                    && (explicitTarget != null || row.delivery().originalDestination() != null)) {
                                targets.put(row.id(), target);
                            }
                        }
                        if (targets.isEmpty()) {
                            return 0;
                        }
                        int replayed = store.inTransaction("replay dead letters", c -> {
                            rewriteProperties(c, rows, targets.keySet(), options.properties());
                            return replayInPlace(c, selection.queueId(), targets, operator);
                        });
                        store.wake(new HashSet<>(targets.values()));
                        return replayed;
                    });
                });
    }

    /**
     * Replays the unleased dead letters among {@code ids}: to {@code explicitTarget}, or grouped by original
     * destination, one UPDATE per group; returns how many.
     */
    private int replayByTarget(Connection c, long fromQueue, List<Long> ids, Long explicitTarget,
                               Map<String, Long> originals, Set<Long> woken, String operator) throws SQLException {
        Array idArray = StoreSql.longArray(c, ids);
        Map<String, Long> groups = new LinkedHashMap<>();
        if (explicitTarget != null) {
            groups.put(null, explicitTarget);
        } else {
            try (PreparedStatement statement = c.prepareStatement("SELECT DISTINCT original_destination "
                    + "FROM ferry_delivery WHERE id = ANY(?) AND COALESCE(queue_id, 0) = ? AND lease_owner IS NULL "
                    + "AND original_destination IS NOT NULL")) {
                statement.setArray(1, idArray);
                statement.setLong(2, fromQueue);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        groups.put(rs.getString(1), 0L);
                    }
                }
            }
            for (Map.Entry<String, Long> group : groups.entrySet()) {
                Long queue = originals.get(group.getKey());
                if (queue == null) {
                    queue = queueOfQueueNamed(c, group.getKey());
                    originals.put(group.getKey(), queue);
                }
                group.setValue(queue);
            }
        }
        long now = System.currentTimeMillis();
        int replayed = 0;
        for (Map.Entry<String, Long> group : groups.entrySet()) {
            long target = group.getValue();
            if (target == 0 || target == fromQueue) {
                continue; // the original queue is gone (or is this queue): left where it is
            }
            try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET "
                    + SelectiveClaim.renewReadySeq(store.database()) + "queue_id = ?, delivery_count = 0, "
                    + "failure_reason = NULL, original_destination = NULL, ready_at = ?, "
                    + "replay_count = replay_count + 1, replayed_at = ?, replayed_by = ? "
                    + "WHERE id = ANY(?) AND COALESCE(queue_id, 0) = ? AND lease_owner IS NULL"
                    + (group.getKey() == null ? "" : " AND original_destination = ?"))) {
                statement.setLong(1, target);
                statement.setLong(2, now);
                statement.setLong(3, now);
                statement.setString(4, operator);
                statement.setArray(5, idArray);
                statement.setLong(6, fromQueue);
                if (group.getKey() != null) {
                    statement.setString(7, group.getKey());
                }
                int rows = statement.executeUpdate();
                replayed += rows;
                store.counters().enqueued(target, rows);
                if (rows > 0) {
                    woken.add(target);
                }
            }
        }
        return replayed;
    }

    /** The delivery queue of the queue of that name, 0 when there is none. */
    private static long queueOfQueueNamed(Connection c, String name) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT q.id FROM ferry_destination t "
                + "JOIN ferry_queue q ON q.destination_id = t.id AND q.kind = 'Q' WHERE t.name = ? AND t.kind = 'Q'")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves deliveries back as new: count reset, failure cleared, replay recorded; returns how many. */
    private int replayInPlace(Connection c, long fromQueue, Map<Long, Long> targets, String operator)
            throws SQLException {
        long now = System.currentTimeMillis();
        int replayed = 0;
        try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET "
                + SelectiveClaim.renewReadySeq(store.database()) + "queue_id = ?, delivery_count = 0, "
                + "failure_reason = NULL, original_destination = NULL, ready_at = ?, "
                + "replay_count = replay_count + 1, replayed_at = ?, replayed_by = ? "
                + "WHERE id = ? AND COALESCE(queue_id, 0) = ? AND lease_owner IS NULL")) {
            for (Map.Entry<Long, Long> entry : targets.entrySet()) {
                statement.setLong(1, entry.getValue());
                statement.setLong(2, now);
                statement.setLong(3, now);
                statement.setString(4, operator);
                statement.setLong(5, entry.getKey());
                statement.setLong(6, fromQueue);
                statement.addBatch();
            }
            int[] results = statement.executeBatch();
            List<Long> ids = new ArrayList<>(targets.keySet());
            for (int i = 0; i < results.length; i++) {
                int rows = results[i] == PreparedStatement.SUCCESS_NO_INFO ? 1 : results[i];
                replayed += rows;
                store.counters().enqueued(targets.get(ids.get(i)), rows);
            }
        }
        return replayed;
    }

    /**
     * Applies the replay's property rewrite to the messages of the given deliveries. A message shared with other
     * deliveries (topic fan-out) is copied for this delivery, so the others keep their properties.
     */
    private void rewriteProperties(Connection c, List<AdminRows.Row> rows, Set<Long> deliveryIds,
                                   PropertyRewrite rewrite) throws SQLException {
        if (rewrite == PropertyRewrite.KEEP_ALL) {
            return;
        }
        List<Long> released = new ArrayList<>();
        try (PreparedStatement update = c.prepareStatement("UPDATE ferry_message SET properties = ? WHERE id = ?");
             PreparedStatement copy = c.prepareStatement("INSERT INTO ferry_message (id, "
                     + RetainedRows.MESSAGE_COLUMNS + ") SELECT ?, destination_name, destination_kind, message_id, "
                     + "sent_at, correlation_id, correlation_id_bytes, reply_to, message_type, persistent, priority, "
                     + "expiration, delivery_time, group_id, group_seq, body_type, ?, body FROM ferry_message "
                     + "WHERE id = ?");
             PreparedStatement repoint = c.prepareStatement(
                     "UPDATE ferry_delivery SET message_id = ?, shared = FALSE WHERE id = ? AND lease_owner IS NULL")) {
            for (AdminRows.Row row : rows) {
                if (!deliveryIds.contains(row.id())) {
                    continue;
                }
                byte[] original = row.delivery().message().properties();
                byte[] rewritten = Objects.requireNonNull(rewrite.rewrite(original), "rewritten properties");
                if (Arrays.equals(original, rewritten)) {
                    continue;
                }
                if (!row.shared()) {
                    update.setBytes(1, rewritten);
                    update.setLong(2, row.delivery().messageRowId());
                    update.addBatch();
                } else {
                    long id = store.messageIds().nextId(c);
                    copy.setLong(1, id);
                    copy.setBytes(2, rewritten);
                    copy.setLong(3, row.delivery().messageRowId());
                    copy.executeUpdate();
                    repoint.setLong(1, id);
                    repoint.setLong(2, row.id());
                    repoint.executeUpdate();
                    released.add(row.delivery().messageRowId());
                }
            }
            update.executeBatch();
        }
        if (!released.isEmpty()) {
            DatabaseMessageStore.deleteMessagesIfUnreferenced(c, released);
        }
    }

    @Override
    public BulkJob replayRetained(RetainedSelection selection, ReplayOptions options, String operator) {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(options, "options");
        requireOperator(operator);
        DestinationConfiguration source = requireDestination(selection.destinationId(), "replay retained messages of");
        Long explicitTarget = options.target() == null ? null
                : store.createDestinationIfAbsent(options.target(), DestinationKind.QUEUE).queueId();
        String detail = (options.target() == null ? "to " + source.name() : "to " + options.target())
                + (options.properties() == PropertyRewrite.KEEP_ALL ? "" : "; properties rewritten");
        return start("replay-retained", operator, label(source), selection.describe(), detail, job -> {
            job.total(countRetained(selection));
            long[] after = {0};
            Map<Long, Boolean> queueExists = new HashMap<>();
            while (!job.cancelRequested()) {
                List<RetainedMessage> batch = store.inTransaction("read retained messages",
                        c -> retainedBatch(c, selection, after[0], options.batchSize(), false));
                if (batch.isEmpty()) {
                    break;
                }
                after[0] = batch.get(batch.size() - 1).id();
                List<RetainedMessage> accepted = new ArrayList<>();
                for (RetainedMessage message : batch) {
                    if (acceptsRetained(selection.filter(), message)) {
                        accepted.add(message);
                    }
                }
                job.progressed(batch.size());
                if (accepted.isEmpty()) {
                    continue;
                }
                Set<Long> woken = new HashSet<>();
                int inserted = store.inTransaction("replay retained messages", c -> {
                    List<RetainedMessage> sendable = new ArrayList<>();
                    List<Long> targets = new ArrayList<>();
                    for (RetainedMessage message : accepted) {
                        long target = explicitTarget != null ? explicitTarget : message.subscriptionQueueId();
                        Boolean exists = queueExists.get(target);
                        if (exists == null) {
                            exists = queueExists(c, target);
                            queueExists.put(target, exists);
                        }
                        if (exists) {
                            sendable.add(message);
                            targets.add(target);
                        }
                    }
                    insertReplays(c, sendable, targets, options.properties(), operator);
                    woken.addAll(targets);
                    return sendable.size();
                });
                job.touched += inserted;
                job.skippedOther += accepted.size() - inserted;
                job.batches++;
                store.wake(woken);
            }
        });
    }

    private static boolean queueExists(Connection c, long queueId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT 1 FROM ferry_queue WHERE id = ?")) {
            statement.setLong(1, queueId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean acceptsRetained(MessageFilter filter, RetainedMessage message) {
        if (!filter.needsScan()) {
            return true;
        }
        Delivery delivery = new Delivery(message.id(), message.subscriptionQueueId(), 0, message.deliveryCount(),
                message.destinationName(), DestinationKind.QUEUE, null, null, message.message());
        return AdminRows.acceptsInJava(filter, delivery);
    }

    /** Inserts each message again as a new message with one delivery to its target queue, marked replayed. */
    private long[] insertReplays(Connection c, List<RetainedMessage> messages, List<Long> targets,
                                 PropertyRewrite rewrite, String operator) throws SQLException {
        if (messages.isEmpty()) {
            return new long[0];
        }
        long now = System.currentTimeMillis();
        long[] messageIds = new long[messages.size()];
        long[] deliveryIds = new long[messages.size()];
        store.messageIds().allocate(c, messageIds);
        store.deliveryIds().allocate(c, deliveryIds);
        Map<Long, String[]> names = new HashMap<>();
        try (PreparedStatement insertMessage = c.prepareStatement(StoreSql.INSERT_MESSAGE);
             PreparedStatement insertDelivery = c.prepareStatement(INSERT_REPLAYED_DELIVERY)) {
            for (int i = 0; i < messages.size(); i++) {
                MessageRecord record = messages.get(i).message();
                long target = targets.get(i);
                String[] name = names.get(target);
                if (name == null) {
                    name = destinationOfQueue(c, target);
                    names.put(target, name);
                }
                byte[] properties = Objects.requireNonNull(rewrite.rewrite(record.properties()), "properties");
                DatabaseMessageStore.bindMessage(insertMessage, messageIds[i], name[0], name[1], record, properties);
                insertMessage.addBatch();
                insertDelivery.setLong(1, deliveryIds[i]);
                insertDelivery.setLong(2, target);
                insertDelivery.setLong(3, messageIds[i]);
                insertDelivery.setInt(4, record.priority());
                insertDelivery.setLong(5, now);
                insertDelivery.setLong(6, record.expiration());
                insertDelivery.setString(7, record.groupId());
                insertDelivery.setLong(8, now);
                insertDelivery.setString(9, operator);
                insertDelivery.addBatch();
                store.counters().enqueued(target, 1);
            }
            insertMessage.executeBatch();
            insertDelivery.executeBatch();
        }
        return deliveryIds;
    }

    private static final String INSERT_REPLAYED_DELIVERY = "INSERT INTO ferry_delivery (id, queue_id, message_id, "
            + "priority, ready_at, expires_at, delivery_count, lease_owner, lease_expires_at, original_destination, "
            + "failure_reason, group_id, shared, replay_count, replayed_at, replayed_by) "
            + "VALUES (?, ?, ?, ?, ?, ?, 0, NULL, 0, NULL, NULL, ?, FALSE, 1, ?, ?)";

    /** Name and kind code of the destination a queue belongs to (a subscription: its topic). */
    private static String[] destinationOfQueue(Connection c, long queueId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT t.name, t.kind FROM ferry_queue q "
                + "JOIN ferry_destination t ON t.id = q.destination_id WHERE q.id = ?")) {
            statement.setLong(1, queueId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("queue " + queueId + " no longer exists");
                }
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    @Override
    public List<RetainedMessage> retained(RetainedSelection selection, int max) {
        Objects.requireNonNull(selection, "selection");
        if (max < 1 || max > 10_000) {
            throw new IllegalArgumentException("max must be 1..10000, was " + max);
        }
        List<RetainedMessage> result = new ArrayList<>();
        long[] before = {Long.MAX_VALUE};
        while (result.size() < max) {
            List<RetainedMessage> batch = store.inTransaction("read retained messages",
                    c -> retainedBatch(c, selection, before[0], SCAN_BATCH, true));
            if (batch.isEmpty()) {
                break;
            }
            before[0] = batch.get(batch.size() - 1).id();
            for (RetainedMessage message : batch) {
                if (acceptsRetained(selection.filter(), message) && result.size() < max) {
                    result.add(message);
                }
            }
        }
        return result;
    }

    private long countRetained(RetainedSelection selection) {
        if (selection.filter().needsScan()) {
            return -1;
        }
        return store.inTransaction("count retained messages", c -> {
            List<Object> parameters = new ArrayList<>();
            String criteria = retainedCriteria(selection, parameters);
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT COUNT(*) FROM ferry_retained r WHERE r.destination_id = ?" + criteria)) {
                statement.setLong(1, selection.destinationId());
                AdminRows.bind(statement, 2, parameters);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String retainedCriteria(RetainedSelection selection, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        if (selection.consumedFrom() != null) {
            sql.append(" AND r.consumed_at >= ?");
            parameters.add(selection.consumedFrom());
        }
        if (selection.consumedTo() != null) {
            sql.append(" AND r.consumed_at < ?");
            parameters.add(selection.consumedTo());
        }
        sql.append(AdminRows.sqlCriteria(selection.filter(), parameters, "r", null));
        return sql.toString();
    }

    private static List<RetainedMessage> retainedBatch(Connection c, RetainedSelection selection, long bound, int max,
                                                       boolean newestFirst) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String criteria = retainedCriteria(selection, parameters);
        try (PreparedStatement statement = c.prepareStatement("SELECT r.id, r.destination_name, r.queue_id, "
                + "r.consumed_at, r.retained_until, r.delivery_count, r.destination_kind, r.message_id, r.sent_at, "
                + "r.correlation_id, r.correlation_id_bytes, r.reply_to, r.message_type, r.persistent, r.priority, "
                + "r.expiration, r.delivery_time, r.group_id, r.group_seq, r.body_type, r.properties, r.body "
                + "FROM ferry_retained r WHERE r.destination_id = ? AND r.id " + (newestFirst ? "<" : ">") + " ?"
                + criteria + " ORDER BY r.id" + (newestFirst ? " DESC" : "") + " FETCH FIRST ? ROWS ONLY")) {
            statement.setLong(1, selection.destinationId());
            statement.setLong(2, bound);
            AdminRows.bind(statement, 3, parameters);
            statement.setInt(3 + parameters.size(), max);
            List<RetainedMessage> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    MessageRecord record = new MessageRecord(rs.getString(8), rs.getLong(9), rs.getString(10),
                            rs.getBytes(11), rs.getString(12), rs.getString(13), rs.getBoolean(14), rs.getInt(15),
                            rs.getLong(16), rs.getLong(17), rs.getString(18), rs.getInt(19), rs.getInt(20),
                            rs.getBytes(21), rs.getBytes(22));
                    rows.add(new RetainedMessage(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getInt(6), record));
                }
            }
            return rows;
        }
    }

    @Override
    public long editAndReplay(long deliveryId, MessageEdit edit, ReplayOptions options, String operator) {
        Objects.requireNonNull(edit, "edit");
        Objects.requireNonNull(options, "options");
        requireOperator(operator);
        MessageDetail original = detail(deliveryId).orElseThrow(() -> new StoreException(
                "cannot replay delivery " + deliveryId + ": it no longer exists"));
        if (original.leaseOwner() != null) {
            throw new StoreException("cannot replay delivery " + deliveryId + ": it is in flight (leased by node "
                    + original.leaseOwner() + ")");
        }
        Delivery delivery = original.delivery();
        String targetName = options.target() != null ? options.target()
                : delivery.originalDestination() != null ? delivery.originalDestination() : null;
        long target = targetName != null
                ? store.createDestinationIfAbsent(targetName, DestinationKind.QUEUE).queueId()
                : delivery.queueId();
        MessageRecord m = delivery.message();
        MessageRecord edited = new MessageRecord(m.messageId(), m.timestamp(),
                edit.correlationId() != null ? edit.correlationId() : m.correlationId(),
                edit.correlationId() != null ? null : m.correlationIdBytes(), m.replyTo(),
                edit.type() != null ? edit.type() : m.type(), m.persistent(),
                edit.priority() != null ? edit.priority() : m.priority(), m.expiration(), m.deliveryTime(),
                m.groupId(), m.groupSeq(), m.bodyType(),
                edit.properties() != null ? edit.properties() : m.properties(),
                edit.body() != null ? edit.body() : m.body());
        String originalJson = JsonLines.write(delivery, original.queueName());
        long newDeliveryId = store.inTransaction("edit and replay delivery " + deliveryId, c -> {
            int removed = store.deleteDeliveries(c, "DELETE FROM ferry_delivery d WHERE d.id = ? "
                    + "AND d.lease_owner IS NULL", statement -> statement.setLong(1, deliveryId));
            if (removed == 0) {
                throw new StoreException("cannot replay delivery " + deliveryId
                        + ": it was consumed, moved or leased meanwhile");
            }
            long id = insertReplays(c, List.of(new RetainedMessage(0, delivery.destinationName(), target, 0, 0,
                    delivery.deliveryCount(), edited)), List.of(target), options.properties(), operator)[0];
            insertAudit(c, operator, "edit-and-replay", queueLabel(c, delivery.queueId()), "delivery " + deliveryId, 1,
                    "completed", "to " + (targetName == null ? "the same queue" : targetName)
                            + "; new delivery " + id + "; original: " + originalJson);
            return id;
        });
        store.wake(Set.of(target));
        return newDeliveryId;
    }

    @Override
    public BulkJob exportJsonLines(Selection selection, OutputStream out, String operator) {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(out, "out");
        String queue = queueLabel(selection.queueId());
        return start("export", operator, queue, selection.describe(), null, job -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            forEachRowBatch(job, selection, 1_000, true, rows -> {
                try {
                    for (AdminRows.Row row : rows) {
                        writer.write(JsonLines.write(row.delivery(), queue));
                        writer.write('\n');
                    }
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
                }
                return rows.size();
            });
        });
    }

    @Override
    public BulkJob importJsonLines(String destinationName, DestinationKind kind, InputStream in, String operator) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(kind, "kind");
        requireOperator(operator);
        Destination destination = store.createDestinationIfAbsent(destinationName, kind);
        return start("import", operator, destination.name(), null, null, job -> {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            long lineNumber = 0;
            try {
                UnitOfWork batch = new UnitOfWork();
                int inBatch = 0;
                String line;
                while ((line = reader.readLine()) != null && !job.cancelRequested()) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    batch.send(destination.id(), JsonLines.read(line, lineNumber));
                    if (++inBatch == 1_000) {
                        store.commit(batch);
                        job.touched += inBatch;
                        job.batches++;
                        job.progressed(inBatch);
                        batch = new UnitOfWork();
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    store.commit(batch);
                    job.touched += inBatch;
                    job.batches++;
                    job.progressed(inBatch);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the import at line " + lineNumber + ": "
                        + e.getMessage() + " (" + job.touched + " messages imported before)", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (" + job.touched
                        + " messages imported before it, in earlier batches)", e);
            }
        });
    }

    @Override
    public long sendTestMessage(long destinationId, MessageRecord message, String operator) {
        Objects.requireNonNull(message, "message");
        requireOperator(operator);
        DestinationConfiguration destination = requireDestination(destinationId, "send a test message to");
        store.commit(new UnitOfWork().send(destinationId, message));
        return audit(operator, "send-test-message", label(destination), null, 1,
                "messageId=" + message.messageId() + "; bodyType=" + message.bodyType() + "; bodySize="
                        + (message.body() == null ? 0 : message.body().length));
    }

    // ---- selections in batches ------------------------------------------------------------------------

    /**
     * Applies {@code work} to the selection's unleased deliveries a batch per transaction, counting leased ones
     * as skipped, until done or cancelled. Without Java criteria the batch is read and changed in one
     * transaction; with them, read, filtered outside any transaction, then changed.
     */
    private void forEachIdBatch(AdminJob job, Selection selection, int batchSize, IdWork work) {
        forEachIdBatch(job, selection, batchSize, work, Set.of());
    }

    private void forEachIdBatch(AdminJob job, Selection selection, int batchSize, IdWork work, Set<Long> wake) {
        job.total(selection instanceof Selection.Ids ? ((Selection.Ids) selection).deliveryIds().size()
                : preview(selection).matching());
        if (selection instanceof Selection.Ids) {
            long queueId = selection.queueId();
            for (List<Long> chunk : chunks(((Selection.Ids) selection).deliveryIds(), batchSize)) {
                if (job.cancelRequested()) {
                    return;
                }
                int[] counts = store.inTransaction(job.description(), c -> {
                    int leased = 0;
                    try (PreparedStatement statement = c.prepareStatement("SELECT COUNT(*) FROM ferry_delivery "
                            + "WHERE id = ANY(?) AND COALESCE(queue_id, 0) = ? AND lease_owner IS NOT NULL")) {
                        statement.setArray(1, StoreSql.longArray(c, chunk));
                        statement.setLong(2, queueId);
                        try (ResultSet rs = statement.executeQuery()) {
                            rs.next();
                            leased = rs.getInt(1);
                        }
                    }
                    return new int[] {leased, work.apply(c, chunk)};
                });
                account(job, chunk.size(), counts[0], counts[1], wake);
            }
            return;
        }
        MessageFilter filter = ((Selection.Filtered) selection).filter();
        AdminRows.Scan scan = new AdminRows.Scan(selection.queueId(), dev.ferry.store.admin.SortColumn.SEND_ORDER,
                false, filter, null, false, h2());
        while (!scan.exhausted() && !job.cancelRequested()) {
            if (!filter.needsScan()) {
                int[] counts = store.inTransaction(job.description(), c -> {
                    List<Long> unleased = new ArrayList<>();
                    int leased = scan.nextIds(c, batchSize, unleased);
                    int touched = unleased.isEmpty() ? 0 : work.apply(c, unleased);
                    return new int[] {unleased.size() + leased, leased, touched};
                });
                if (counts[0] > 0) {
                    account(job, counts[0], counts[1], counts[2], wake);
                }
            } else {
                List<AdminRows.Row> rows = store.inTransaction(job.description(), c -> scan.next(c, batchSize));
                List<Long> accepted = new ArrayList<>();
                int leased = 0;
                for (AdminRows.Row row : rows) {
                    if (AdminRows.acceptsInJava(filter, row.delivery())) {
                        if (row.leased()) {
                            leased++;
                        } else {
                            accepted.add(row.id());
                        }
                    }
                }
                int touched = accepted.isEmpty() ? 0 : store.inTransaction(job.description(),
                        c -> work.apply(c, accepted));
                int leasedMatches = leased;
                job.progressed(rows.size() - accepted.size() - leasedMatches); // rows the filter refused
                account(job, accepted.size() + leasedMatches, leasedMatches, touched, wake);
            }
        }
    }

    private void account(AdminJob job, int handled, int leased, int touched, Set<Long> wake) {
        job.touched += touched;
        job.skippedInFlight += leased;
        job.skippedOther += Math.max(0, handled - leased - touched);
        job.batches++;
        job.progressed(handled);
        if (touched > 0) {
            store.wake(wake);
        }
    }

    /**
     * Hands the selection's rows to {@code work} a batch at a time: only unleased ones (counting leased ones as
     * skipped) unless {@code includeLeased} (read-only work such as an export).
     */
    private void forEachRowBatch(AdminJob job, Selection selection, int batchSize, boolean includeLeased,
                                 RowWork work) {
        if (selection instanceof Selection.Ids) {
            job.total(((Selection.Ids) selection).deliveryIds().size());
            for (List<Long> chunk : chunks(((Selection.Ids) selection).deliveryIds(), batchSize)) {
                if (job.cancelRequested()) {
                    return;
                }
                List<AdminRows.Row> rows = store.inTransaction(job.description(), c -> {
                    try (PreparedStatement statement = c.prepareStatement("SELECT " + AdminRows.COLUMNS
                            + AdminRows.FROM + " WHERE d.id = ANY(?) AND COALESCE(d.queue_id, 0) = ? ORDER BY d.id")) {
                        statement.setArray(1, StoreSql.longArray(c, chunk));
                        statement.setLong(2, selection.queueId());
                        return AdminRows.readAll(statement);
                    }
                });
                handRows(job, rows, chunk.size() - rows.size(), includeLeased, work);
            }
            return;
        }
        MessageFilter filter = ((Selection.Filtered) selection).filter();
        job.total(preview(selection).matching());
        AdminRows.Scan scan = new AdminRows.Scan(selection.queueId(), dev.ferry.store.admin.SortColumn.SEND_ORDER,
                false, filter, null, false, h2());
        while (!scan.exhausted() && !job.cancelRequested()) {
            List<AdminRows.Row> rows = store.inTransaction(job.description(), c -> scan.next(c, batchSize));
            List<AdminRows.Row> accepted = new ArrayList<>(rows.size());
            for (AdminRows.Row row : rows) {
                if (!filter.needsScan() || AdminRows.acceptsInJava(filter, row.delivery())) {
                    accepted.add(row);
                }
            }
            job.progressed(rows.size() - accepted.size());
            if (!accepted.isEmpty()) {
                handRows(job, accepted, 0, includeLeased, work);
            }
        }
    }

    private static void handRows(AdminJob job, List<AdminRows.Row> rows, int missing, boolean includeLeased,
                                 RowWork work) {
        List<AdminRows.Row> workable = new ArrayList<>(rows.size());
        int leased = 0;
        for (AdminRows.Row row : rows) {
            if (row.leased() && !includeLeased) {
                leased++;
            } else {
                workable.add(row);
            }
        }
        int touched = workable.isEmpty() ? 0 : work.apply(workable);
        job.touched += touched;
        job.skippedInFlight += leased;
        job.skippedOther += missing + workable.size() - touched;
        job.batches++;
        job.progressed(rows.size() + missing);
    }

    private static List<List<Long>> chunks(List<Long> ids, int size) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + size)));
        }
        return chunks;
    }

    // ---- jobs and audit ---------------------------------------------------------------------------------

    private BulkJob start(String operation, String operator, String destination, String filterText, String detail,
                          JobBody body) {
        requireOperator(operator);
        long auditId = store.inTransaction("audit " + operation, c -> insertAudit(c, operator, operation,
                destination, filterText, -1, "running", detail));
        AdminJob job = new AdminJob(auditId, operation, operation + " " + destination);
        try {
            jobs.execute(() -> run(job, body));
        } catch (RejectedExecutionException e) {
            finishAudit(job, "failed: the store is closing");
            throw new StoreException(job.description() + ": the store is closing", e);
        }
        return job;
    }

    private void run(AdminJob job, JobBody body) {
        String failure = null;
        try {
            body.run(job);
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("{} stopped after {} rows: {}", job.description(), job.done(), failure, e);
        }
        finishAudit(job, failure != null ? "failed: " + failure : job.cancelRequested() ? "cancelled" : "completed");
        job.finish(failure);
    }

    private void finishAudit(AdminJob job, String outcome) {
        try {
            store.inTransaction("audit " + job.description(), c -> {
                try (PreparedStatement statement = c.prepareStatement(
                        "UPDATE ferry_audit SET affected = ?, outcome = ?, detail = CASE WHEN detail IS NULL THEN ? "
                                + "ELSE detail || '; ' || ? END WHERE id = ?")) {
                    String summary = "skipped in flight: " + job.skippedInFlight + "; skipped otherwise: "
                            + job.skippedOther + "; batches: " + job.batches;
                    statement.setLong(1, job.touched);
                    statement.setString(2, outcome);
                    statement.setString(3, summary);
                    statement.setString(4, summary);
                    statement.setLong(5, job.auditId());
                    return statement.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not record the end of {} in the audit log", job.description(), e);
        }
    }

    private long audit(String operator, String operation, String destination, String filter, long count,
                       String detail) {
        return store.inTransaction("audit " + operation, c -> insertAudit(c, operator, operation, destination,
                filter, count, "completed", detail));
    }

    private long insertAudit(Connection c, String operator, String operation, String destination, String filter,
                             long count, String outcome, String detail) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(store.sql().returning("INSERT INTO ferry_audit "
                + "(at, operator, operation, destination, filter_text, affected, outcome, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "id"))) {
            statement.setLong(1, System.currentTimeMillis());
            statement.setString(2, operator);
            statement.setString(3, operation);
            statement.setString(4, destination);
            statement.setString(5, filter);
            statement.setLong(6, count);
            statement.setString(7, outcome);
            statement.setString(8, detail);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return store.inReadTransaction("read the audit log", c -> {
            StringBuilder sql = new StringBuilder("SELECT id, at, operator, operation, destination, filter_text, "
                    + "affected, outcome, detail FROM ferry_audit WHERE 1 = 1");
            List<Object> parameters = new ArrayList<>();
            if (query.operator() != null) {
                sql.append(" AND operator = ?");
                parameters.add(query.operator());
            }
            if (query.operation() != null) {
                sql.append(" AND operation = ?");
                parameters.add(query.operation());
            }
            if (query.destination() != null) {
                sql.append(" AND destination = ?");
                parameters.add(query.destination());
            }
            if (query.from() != null) {
                sql.append(" AND at >= ?");
                parameters.add(query.from());
            }
            if (query.to() != null) {
                sql.append(" AND at < ?");
                parameters.add(query.to());
            }
            if (query.beforeId() != null) {
                sql.append(" AND id < ?");
                parameters.add(query.beforeId());
            }
            sql.append(" ORDER BY id DESC FETCH FIRST ? ROWS ONLY");
            parameters.add(query.max());
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(sql.toString())) {
                AdminRows.bind(statement, 1, parameters);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9)));
                    }
                }
            }
            return entries;
        });
    }

    // ---- names ------------------------------------------------------------------------------------------

    private static void requireOperator(String operator) {
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("an operation needs the operator's name for the audit log");
        }
    }

    private String queueLabel(long queueId) {
        return store.inTransaction("name of queue " + queueId, c -> queueLabel(c, queueId));
    }

    /** "orders" for a queue, "prices/subscriptionName" for a subscription. */
    private static String queueLabel(Connection c, long queueId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT t.name, q.kind, q.subscription_name, "
                + "q.client_id FROM ferry_queue q JOIN ferry_destination t ON t.id = q.destination_id WHERE q.id = ?")) {
            statement.setLong(1, queueId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("no queue or subscription " + queueId);
                }
                if ("Q".equals(rs.getString(2))) {
                    return rs.getString(1);
                }
                String name = rs.getString(3) == null ? "(non-durable " + queueId + ")" : rs.getString(3);
                return rs.getString(1) + "/" + (rs.getString(4) == null ? "" : rs.getString(4) + ":") + name;
            }
        }
    }

    private static String queueLabel(QueueOverview o) {
        return o.isSubscription() ? o.destinationName() + "/" + (o.clientId() == null ? "" : o.clientId() + ":")
                + (o.subscriptionName() == null ? "(non-durable " + o.queueId() + ")" : o.subscriptionName())
                : o.destinationName();
    }

    private static String label(DestinationConfiguration d) {
        return d.destination().kind() == DestinationKind.TOPIC ? "topic " + d.name() : d.name();
    }

    private static String describe(DestinationConfiguration d) {
        DestinationPolicy p = d.destination().policy();
        return "kind=" + d.destination().kind() + ", deadLetterQueue=" + p.deadLetterQueue() + ", maxDeliveryAttempts="
                + p.maxDeliveryAttempts() + ", redeliveryDelayMillis=" + p.redeliveryDelayMillis()
                + ", redeliveryBackoff=" + p.redeliveryBackoff() + ", maxRedeliveryDelayMillis="
                + p.maxRedeliveryDelayMillis() + ", expiryQueue=" + p.expiryQueue() + ", paused=" + p.paused()
                + ", retention=" + d.retention();
    }
}
