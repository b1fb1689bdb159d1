package dev.ferry.store.database;

import dev.ferry.store.ConsumerAttachment;
import dev.ferry.store.Delivery;
import dev.ferry.store.DeliveryFilter;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.FanOutFilter;
import dev.ferry.store.Subscription;
import dev.ferry.store.SubscriptionRequest;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.MessageStore;
import dev.ferry.store.Node;
import dev.ferry.store.QueueStatistics;
import dev.ferry.store.Send;
import dev.ferry.store.ScanCursor;
import dev.ferry.store.Settlement;
import dev.ferry.store.StoreException;
import dev.ferry.store.TransactionBranch;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.WakeUpListener;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.entity.DeliveryEntity;
import dev.ferry.store.entity.DestinationEntity;
import dev.ferry.store.entity.NodeEntity;
import dev.ferry.store.entity.QueueEntity;
import dev.ferry.store.schema.SchemaMigration;
import dev.ferry.store.schema.StoreSessionFactory;
import dev.ferry.store.schema.SupportedDatabase;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.jdbc.ReturningWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link MessageStore} on a relational database through Hibernate. Administration and inspection use
 * entities and HQL in stateless sessions; the hot path (commit, claim, settle) runs batched JDBC inside a
 * stateless session's transaction ({@code doReturningWork}), at most one statement per table and step.
 */
public final class DatabaseMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMessageStore.class);

    /** Longest destination name; the column is VARCHAR(255). */
    private static final int MAX_NAME_LENGTH = 255;

    /** Nodes open in this JVM per embedded database: in an exclusive embedded database all others are dead. */
    private static final Map<String, Set<String>> NODES_IN_THIS_JVM = new ConcurrentHashMap<>();
    /** Claim serialisation per queue where the database cannot claim with SKIP LOCKED (see StoreSql.H2Sql). */
    private static final Map<String, ReentrantLock> CLAIM_LOCKS = new ConcurrentHashMap<>();

    private final String nodeId = UUID.randomUUID().toString();
    private final StoreDataSource source;
    private final SupportedDatabase database;
    private final String databaseIdentity;
    private final StoreSql sql;
    private final SessionFactory sessions;
    private final long leaseTimeoutMillis;
    /** PostgreSQL claims commit without their own WAL flush unless {@code ferry.claim.flush} asks for it. */
    private final boolean claimsSkipWalFlush;
    /** ferry.expiryQueue: where expired messages of a destination without its own expiry queue go; "" drops. */
    private final String defaultExpiryQueue;
    private final IdBlocks messageIds;
    private final IdBlocks deliveryIds;
    private final IdBlocks destinationIds;
    /** Name, kind and (for a queue) delivery queue of destinations sent to: immutable while they exist. */
    private final Map<Long, SendTarget> sendTargets = new ConcurrentHashMap<>();
    private final List<WakeUpListener> listeners = new CopyOnWriteArrayList<>();
    private volatile FanOutFilter fanOutFilter = FanOutFilter.ACCEPT_ALL;
    /** Claimed deliveries whose acknowledgement may free their group (JMSXGroupSeq -1; selective consumers). */
    private final GroupEnds groupEnds = new GroupEnds();
    /** Enqueue/dequeue counts for the console's rates; written by the heartbeat. */
    private final QueueCounters counters = new QueueCounters();
    /** Retention of consumed messages (administration). */
    private final RetainedRows retained = new RetainedRows();
    private volatile DatabaseAdministration administration;
    private final ScheduledExecutorService heartbeat;
    private final PreparedBranches preparedBranches;
    /** Cross-node wake-ups (PostgreSQL LISTEN/NOTIFY); null on other databases or when turned off. */
    private final PgNotifications notifications;
    /** Each topic's subscriptions, so that a publish reads them only after they changed (SubscriptionCache). */
    private final SubscriptionCache subscriptionCache;
    /** Consumers this node counts on subscriptions, to count them again if it was taken for dead and came back. */
    private final Map<Long, Integer> consumersHere = new ConcurrentHashMap<>();
    /** Client identifiers claimed by connections of this node, to claim again if it is taken for dead. */
    private final Map<String, ClientIdHold> clientIdsHere = new ConcurrentHashMap<>();
    private final GroupCommitter<GroupCommit.Member> committer =
            new GroupCommitter<>(this::commitTogether, GroupCommit.MAX_MEMBERS);
    private volatile boolean closed;
    /** H2: one store transaction at a time in this JVM, so that a kill leaves whole transactions in the file. */
    private final SerialTransactions serialTransactions;

    private record SendTarget(String name, DestinationKind kind, long queueId) {
    }

    private DatabaseMessageStore(StoreDataSource source, SupportedDatabase database, String databaseIdentity,
                                 SessionFactory sessions, FerryConfig config) {
        this.source = source;
        this.database = database;
        this.databaseIdentity = databaseIdentity;
        this.sql = StoreSql.of(database);
        this.sessions = sessions;
        this.leaseTimeoutMillis = config.get(FerryProperties.LEASE_TIMEOUT).toMillis();
        this.claimsSkipWalFlush = database == SupportedDatabase.POSTGRESQL && !config.get(FerryProperties.CLAIM_FLUSH);
        this.defaultExpiryQueue = config.get(FerryProperties.EXPIRY_QUEUE).trim();
        this.messageIds = new IdBlocks(sql.nextValue("ferry_message_seq"), 1000);
        this.deliveryIds = new IdBlocks(sql.nextValue("ferry_delivery_seq"), 1000);
        this.destinationIds = new IdBlocks(sql.nextValue("ferry_destination_seq"), 1);
        this.preparedBranches = new PreparedBranches(database, sql);
        this.serialTransactions = SerialTransactions.forDatabase(database == SupportedDatabase.H2, databaseIdentity);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ferry-node-heartbeat-" + nodeId.substring(0, 8));
            thread.setDaemon(true);
            return thread;
        });
        boolean notifying = database == SupportedDatabase.POSTGRESQL && config.get(FerryProperties.NOTIFICATIONS);
        this.subscriptionCache = source.exclusiveEmbedded() ? SubscriptionCache.sharedInThisJvm(databaseIdentity)
                : notifying ? SubscriptionCache.ofNode(() -> notifications().listening(),
                        (c, topic) -> notifications().subscriptionsChanged(c, topic),
                        config.get(FerryProperties.HEARTBEAT_INTERVAL).toMillis())
                : SubscriptionCache.never(); // nothing would tell it of other nodes' subscriptions
        this.notifications = notifying
                ? new PgNotifications(nodeId, source::openDedicated, this::notifyListeners, this::notifyNow,
                        this::allQueueIds, config.get(FerryProperties.NOTIFICATIONS_COALESCE).toMillis(),
                        subscriptionCache)
                : null;
    }

    /** Opens the store: connects, migrates the schema, registers this node and starts its heartbeat. */
    public static DatabaseMessageStore open(FerryConfig config) {
        return open(config, false);
    }

    /**
     * @param validateSchema whether Hibernate also validates its mapping against the migrated schema (tests)
     */
    public static DatabaseMessageStore open(FerryConfig config, boolean validateSchema) {
        Objects.requireNonNull(config, "config");
        StoreDataSource source = StoreDataSource.resolve(config);
        SessionFactory sessions = null;
        try {
            SupportedDatabase database;
            String identity;
            try (Connection connection = source.dataSource().getConnection()) {
                database = SupportedDatabase.of(connection);
                identity = identityOf(connection, database, source);
            }
            SerialTransactions.forDatabase(database == SupportedDatabase.H2, identity).run(() -> {
                SchemaMigration.migrate(source.dataSource(), database);
                return null;
            });
            sessions = StoreSessionFactory.build(source.dataSource(), validateSchema);
            DatabaseMessageStore store = new DatabaseMessageStore(source, database, identity, sessions, config);
            store.start(config.get(FerryProperties.HEARTBEAT_INTERVAL).toMillis());
            return store;
        } catch (SQLException e) {
            closeQuietly(sessions, source);
            throw new StoreException("cannot open the store on " + source.description() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(sessions, source);
            throw e instanceof StoreException ? e
                    : new StoreException("cannot open the store on " + source.description() + ": " + e, e);
        }
    }

    private static String identityOf(Connection connection, SupportedDatabase database, StoreDataSource source)
            throws SQLException {
        if (database == SupportedDatabase.H2) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT DATABASE_PATH()");
                 ResultSet rs = statement.executeQuery()) {
                String path = rs.next() ? rs.getString(1) : null;
                if (path != null) {
                    return "h2:" + path;
                }
            }
        }
        return connection.getMetaData().getURL();
    }

    private static void closeQuietly(SessionFactory sessions, StoreDataSource source) {
        try {
            if (sessions != null) {
                sessions.close();
            }
        } finally {
            source.close();
        }
    }

    private void start(long heartbeatMillis) {
        long now = System.currentTimeMillis();
        transaction("register node", session -> {
            session.insert(new NodeEntity(nodeId, hostName(), ProcessHandle.current().pid(), now));
            return null;
        });
        if (source.exclusiveEmbedded()) {
            Set<String> live = NODES_IN_THIS_JVM.computeIfAbsent(databaseIdentity, k -> ConcurrentHashMap.newKeySet());
            live.add(nodeId);
            recoverLeasesOfNodesOutsideThisJvm(live);
        }
        sweepDeadNodes();
        if (notifications != null) {
            countNodes();
            notifications.start();
        }
        heartbeat.scheduleWithFixedDelay(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        LOG.info("Ferry store node {} opened on {} ({})", nodeId, source.description(), database);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String host = System.getenv("HOSTNAME");
            return host == null ? "unknown" : host;
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    // ---- destinations ----------------------------------------------------------------------------------

    @Override
    public Optional<Destination> findDestination(String name, DestinationKind kind) {
        requireName(name);
        Objects.requireNonNull(kind, "kind");
        return transaction("find destination " + name, session -> find(session, name, kind));
    }

    private Optional<Destination> find(StatelessSession session, String name, DestinationKind kind) {
        List<Object[]> rows = session.createSelectionQuery(
                        "select d, q.id from DestinationEntity d left join QueueEntity q "
                                + "on q.destination = d and q.kind = :queueKind "
                                + "where d.name = :name and d.kind = :kind", Object[].class)
                .setParameter("queueKind", QueueEntity.QUEUE)
                .setParameter("name", name)
                .setParameter("kind", kind.code())
                .getResultList();
        return rows.stream().findFirst().map(DatabaseMessageStore::toDestination);
    }

    private static Destination toDestination(Object[] row) {
        DestinationEntity entity = (DestinationEntity) row[0];
        long queueId = row[1] == null ? 0 : ((Number) row[1]).longValue();
        return entity.toDestination(queueId);
    }

    @Override
    public Destination createDestinationIfAbsent(String name, DestinationKind kind) {
        requireName(name);
        Objects.requireNonNull(kind, "kind");
        Optional<Destination> existing = findDestination(name, kind);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return transaction("create destination " + name,
                    session -> insertDestination(session, name, kind, false, null, null));
        } catch (StoreException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // created concurrently by another thread or JVM: theirs is as good as ours
            return findDestination(name, kind).orElseThrow(() -> e);
        }
    }

    @Override
    public Destination createTemporaryDestination(String name, DestinationKind kind, String ownerConnectionId) {
        requireName(name);
        Objects.requireNonNull(kind, "kind");
        if (ownerConnectionId == null || ownerConnectionId.isBlank()) {
            throw new IllegalArgumentException("a temporary destination needs its owning connection's id");
        }
        try {
            return transaction("create temporary destination " + name,
                    session -> insertDestination(session, name, kind, true, ownerConnectionId, nodeId));
        } catch (StoreException e) {
            if (isUniqueViolation(e)) {
                throw new StoreException("cannot create temporary " + kind.name().toLowerCase() + " " + name
                        + ": a destination of that name already exists", e);
            }
            throw e;
        }
    }

    private Destination insertDestination(StatelessSession session, String name, DestinationKind kind,
                                          boolean temporary, String owner, String ownerNode) {
        long now = System.currentTimeMillis();
        long id = session.doReturningWork(destinationIds::nextId);
        DestinationEntity destination = new DestinationEntity(id, name, kind, temporary, owner, ownerNode, now);
        session.insert(destination);
        long queueId = 0;
        if (kind == DestinationKind.QUEUE) {
            queueId = session.doReturningWork(destinationIds::nextId);
            session.insert(new QueueEntity(queueId, destination, QueueEntity.QUEUE, now));
        }
        return destination.toDestination(queueId);
    }

    @Override
    public void deleteDestination(long destinationId) {
        transaction("delete destination " + destinationId, session -> {
            if (session.get(DestinationEntity.class, destinationId) == null) {
                throw new StoreException("cannot delete destination " + destinationId + ": no such destination");
            }
            session.doWork(c -> deleteDestinationRows(c, destinationId));
            return null;
        });
        sendTargets.remove(destinationId);
    }

    private void deleteDestinationRows(Connection c, long destinationId) throws SQLException {
        subscriptionCache.changed(c, destinationId); // a topic's subscriptions go with it
        removeDeliveries(c, "DELETE FROM ferry_delivery d WHERE d.queue_id IN "
                        + "(SELECT q.id FROM ferry_queue q WHERE q.destination_id = ?)",
                statement -> statement.setLong(1, destinationId));
        try (PreparedStatement queues = c.prepareStatement("DELETE FROM ferry_queue WHERE destination_id = ?");
             PreparedStatement destination = c.prepareStatement("DELETE FROM ferry_destination WHERE id = ?")) {
            queues.setLong(1, destinationId);
            queues.executeUpdate();
            destination.setLong(1, destinationId);
            destination.executeUpdate();
        }
    }

    @Override
    public Destination updatePolicy(long destinationId, DestinationPolicy policy) {
        requireValid(policy);
        Destination updated = transaction("update policy of destination " + destinationId, session -> {
            DestinationEntity entity = session.get(DestinationEntity.class, destinationId);
            if (entity == null) {
                throw new StoreException("cannot update the policy of destination " + destinationId
                        + ": no such destination");
            }
            entity.setPolicy(policy);
            session.update(entity);
            return find(session, entity.getName(), entity.getKind()).orElseThrow();
        });
        if (!updated.policy().paused() && updated.queueId() != 0) {
            notifyListeners(Set.of(updated.queueId())); // resumed deliveries may be claimed at once
        }
        return updated;
    }

    private static void requireValid(DestinationPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (policy.maxDeliveryAttempts() != null && policy.maxDeliveryAttempts() < 1) {
            throw new IllegalArgumentException("maxDeliveryAttempts must be at least 1, was "
                    + policy.maxDeliveryAttempts());
        }
        if (policy.redeliveryDelayMillis() != null && policy.redeliveryDelayMillis() < 0) {
            throw new IllegalArgumentException("redeliveryDelayMillis must not be negative, was "
                    + policy.redeliveryDelayMillis());
        }
        if (policy.maxRedeliveryDelayMillis() != null && policy.maxRedeliveryDelayMillis() < 0) {
            throw new IllegalArgumentException("maxRedeliveryDelayMillis must not be negative, was "
                    + policy.maxRedeliveryDelayMillis());
        }
        if (policy.redeliveryBackoff() != null
                && (!(policy.redeliveryBackoff() >= 1.0) || policy.redeliveryBackoff().isInfinite())) {
            throw new IllegalArgumentException("redeliveryBackoff must be a number of at least 1.0, was "
                    + policy.redeliveryBackoff());
        }
        requireOptionalName("deadLetterQueue", policy.deadLetterQueue());
        requireOptionalName("expiryQueue", policy.expiryQueue());
    }

    private static void requireOptionalName(String what, String name) {
        if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
            throw new IllegalArgumentException(what + " must be a non-blank name of at most " + MAX_NAME_LENGTH
                    + " characters, was '" + name + "'");
        }
    }

    @Override
    public List<Destination> destinations() {
        return transaction("list destinations", session -> {
            List<Object[]> rows = session.createSelectionQuery(
                            "select d, q.id from DestinationEntity d left join QueueEntity q "
                                    + "on q.destination = d and q.kind = :queueKind order by d.name, d.kind",
                            Object[].class)
                    .setParameter("queueKind", QueueEntity.QUEUE)
                    .getResultList();
            List<Destination> destinations = new ArrayList<>(rows.size());
            rows.forEach(row -> destinations.add(toDestination(row)));
            return destinations;
        });
    }

    // ---- the hot path ----------------------------------------------------------------------------------

    @Override
    public void commit(UnitOfWork work) {
        Objects.requireNonNull(work, "work");
        if (work.isEmpty()) {
            return;
        }
        for (Send send : work.sends()) {
            if (send.message() == null) {
                throw new IllegalArgumentException("cannot send a null message to destination "
                        + send.destinationId());
            }
        }
        Map<String, Long> deadLetterQueues = deadLetterQueuesOf(work.settlements());
        if (closed) {
            throw new StoreException("commit: the store is closed");
        }
        if (GroupCommit.deliveredInMemoryOnly(work)
                && subscriptionCache.noneTakes(source.dataSource(), work.sends(), fanOutFilter)) {
            return; // every subscription got it in memory: nothing to store
        }
        try {
            committer.commit(new GroupCommit.Member(work, deadLetterQueues));
        } catch (StoreException e) {
            if (!subscriptionCache.forgetAfterMissingSubscription(work.sends(), e)) {
                throw e;
            }
            // another node deleted a cached subscription and its notification is still on the way
            committer.commit(new GroupCommit.Member(work, deadLetterQueues));
        }
    }

    /** One database transaction applying the units of work of concurrent commits (see {@link GroupCommitter}). */
    private void commitTogether(List<GroupCommit.Member> members) {
        GroupCommit group = new GroupCommit(members);
        if (oneStatement(group)) {
            commitAsOneStatement(group);
            return;
        }
        List<Runnable> handOffs = new ArrayList<>();
        Set<Long> woken = runJdbc("commit", c -> {
            handOffs.clear(); // a transaction retried by Hibernate starts over
            Set<Long> queues = new HashSet<>();
            if (!group.acknowledgements().isEmpty()) {
                acknowledge(c, group.acknowledgements());
            }
            if (!group.settlements().isEmpty()) {
                queues.addAll(applySettlements(c, group.settlements(), group.deadLetterQueues()));
            }
            if (!group.sends().isEmpty()) {
                queues.addAll(enqueue(c, group.sends(), null, handOffs));
            }
            if (database == SupportedDatabase.POSTGRESQL && !queues.isEmpty() && group.nonPersistentSendsOnly()) {
                GroupCommit.skipWalFlush(c); // read at COMMIT, so it may come last
            }
            return announce(c, queues);
        });
        announced();
        handOffs.forEach(Runnable::run);
        notifyListeners(woken);
    }

    /**
     * Whether the group's work is a single statement that is a transaction by itself: on PostgreSQL, with no
     * other node to notify, one persistent send to a queue (message and delivery inserted by one statement) or
     * plain acknowledgements (one statement deleting the deliveries and their messages; a follow-up for messages
     * topic subscriptions share locks and re-checks them on its own).
     */
    private boolean oneStatement(GroupCommit group) {
        if (database != SupportedDatabase.POSTGRESQL || (notifications != null && notifications.othersPresent())
                || !group.settlements().isEmpty()) {
            return false;
        }
        if (group.sends().isEmpty()) {
            return !group.acknowledgements().isEmpty() && !retained.inUse() && groupEnds.isEmpty();
        }
        if (!group.acknowledgements().isEmpty() || group.sends().size() != 1) {
            return false;
        }
        Send send = group.sends().get(0);
        SendTarget target = sendTargets.get(send.destinationId());
        return target != null && target.kind() == DestinationKind.QUEUE && send.message().persistent()
                && send.deliveredInMemory().isEmpty();
    }

    /**
     * Runs a {@linkplain #oneStatement one-statement} commit in auto-commit mode: the statement commits itself,
     * which saves the separate COMMIT round trip of a transaction; it still returns only after its WAL flush.
     */
    private void commitAsOneStatement(GroupCommit group) {
        List<Runnable> handOffs = new ArrayList<>();
        Set<Long> woken = Set.of();
        try (Connection c = source.dataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                if (!group.acknowledgements().isEmpty()) {
                    acknowledge(c, group.acknowledgements());
                }
                if (!group.sends().isEmpty()) {
                    woken = enqueue(c, group.sends(), null, handOffs);
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("commit failed: " + e.getMessage(), e);
        }
        handOffs.forEach(Runnable::run);
        notifyListeners(woken);
    }

    /** Stores each message once and one delivery per queue it goes to; returns those queues. */
    private Set<Long> enqueue(Connection c, List<Send> sends) throws SQLException {
        return enqueue(c, sends, null);
    }

    /** As {@link #enqueue(Connection, List)}, adding the ids of the inserted deliveries to {@code inserted}. */
    private Set<Long> enqueue(Connection c, List<Send> sends, List<Long> inserted) throws SQLException {
        return enqueue(c, sends, inserted, null);
    }

    /**
     * As {@link #enqueue(Connection, List, List)}; with {@code handOffs}, a send to a queue offered to a waiting
     * consumer ({@link Send#handOff()}) gets its delivery inserted leased to this node, and what hands it over
     * once committed is added to {@code handOffs}. Its queue is not woken: nothing became ready there.
     */
    private Set<Long> enqueue(Connection c, List<Send> sends, List<Long> inserted, List<Runnable> handOffs)
            throws SQLException {
        int n = sends.size();
        SendTarget[] targets = new SendTarget[n];
        Set<Long> topics = null;
        for (int i = 0; i < n; i++) {
            targets[i] = sendTarget(c, sends.get(i).destinationId());
            if (targets[i].kind() == DestinationKind.TOPIC) {
                if (topics == null) {
                    topics = new HashSet<>();
                }
                topics.add(sends.get(i).destinationId());
            }
        }
        Map<Long, List<SubscriptionRows.Target>> subscriptions = topics == null ? Map.of()
                : subscriptionCache.targets(c, topics);

        long[][] queuesOfSend = new long[n][];
        int messageCount = 0;
        int deliveryCount = 0;
        for (int i = 0; i < n; i++) {
            queuesOfSend[i] = targets[i].kind() == DestinationKind.QUEUE
                    ? new long[] {targets[i].queueId()}
                    : SubscriptionRows.acceptingQueues(subscriptions.get(sends.get(i).destinationId()),
                            sends.get(i), fanOutFilter);
            if (queuesOfSend[i].length > 0) { // a topic without subscriptions has no one to keep it for
                messageCount++;
                deliveryCount += queuesOfSend[i].length;
            }
        }
        if (messageCount == 0) {
            return Set.of();
        }
        long[] newMessageIds = new long[messageCount];
        long[] newDeliveryIds = new long[deliveryCount];
        messageIds.allocate(c, newMessageIds);
        deliveryIds.allocate(c, newDeliveryIds);

        long leaseUntil = System.currentTimeMillis() + leaseTimeoutMillis;
        if (messageCount == 1 && deliveryCount == 1) {
            // the common case of a single send: one statement, one round trip
            for (int i = 0; i < n; i++) {
                if (queuesOfSend[i].length == 1) {
                    Send send = sends.get(i);
                    boolean handedOff = handedOff(send, targets[i], handOffs);
                    String combined = sql.insertMessageWithDelivery(handedOff ? StoreSql.INSERT_LEASED_DELIVERY
                            : StoreSql.INSERT_DELIVERY);
                    if (combined == null) {
                        break;
                    }
                    try (PreparedStatement statement = c.prepareStatement(combined)) {
                        bindMessage(statement, newMessageIds[0], targets[i], send.message());
                        bindDelivery(statement, 18, newDeliveryIds[0], queuesOfSend[i][0], newMessageIds[0],
                                send.message(), false);
                        if (handedOff) {
                            bindLease(statement, 26, leaseUntil);
                        }
                        statement.executeUpdate();
                    }
                    if (inserted != null) {
                        inserted.add(newDeliveryIds[0]);
                    }
                    counters.enqueued(queuesOfSend[i][0], 1);
                    if (handedOff) {
                        handOffs.add(handOff(send, targets[i], newDeliveryIds[0], newMessageIds[0]));
                        return Set.of();
                    }
                    return Set.of(queuesOfSend[i][0]);
                }
            }
        }
        Set<Long> woken = new HashSet<>();
        PreparedStatement leased = null;
        try (PreparedStatement messages = c.prepareStatement(StoreSql.INSERT_MESSAGE);
             PreparedStatement deliveries = c.prepareStatement(StoreSql.INSERT_DELIVERY)) {
            int m = 0;
            int d = 0;
            for (int i = 0; i < n; i++) {
                long[] queues = queuesOfSend[i];
                if (queues.length == 0) {
                    continue;
                }
                MessageRecord record = sends.get(i).message();
                long messageId = newMessageIds[m++];
                bindMessage(messages, messageId, targets[i], record);
                messages.addBatch();
                if (handedOff(sends.get(i), targets[i], handOffs)) {
                    if (leased == null) {
                        leased = c.prepareStatement(StoreSql.INSERT_LEASED_DELIVERY);
                    }
                    bindDelivery(leased, 0, newDeliveryIds[d], queues[0], messageId, record, false);
                    bindLease(leased, 8, leaseUntil);
                    leased.addBatch();
                    if (inserted != null) {
                        inserted.add(newDeliveryIds[d]);
                    }
                    handOffs.add(handOff(sends.get(i), targets[i], newDeliveryIds[d++], messageId));
                    counters.enqueued(queues[0], 1);
                    continue;
                }
                for (long queueId : queues) {
                    if (inserted != null) {
                        inserted.add(newDeliveryIds[d]);
                    }
                    bindDelivery(deliveries, 0, newDeliveryIds[d++], queueId, messageId, record, queues.length > 1);
                    deliveries.addBatch();
                    woken.add(queueId);
                    counters.enqueued(queueId, 1);
                }
            }
            messages.executeBatch();
            deliveries.executeBatch();
            if (leased != null) {
                leased.executeBatch();
            }
        } finally {
            if (leased != null) {
                leased.close();
            }
        }
        return woken;
    }

    /** Whether this send's delivery goes straight to a waiting consumer of this node (queues only). */
    private static boolean handedOff(Send send, SendTarget target, List<Runnable> handOffs) {
        return handOffs != null && send.handOff() != null && target.kind() == DestinationKind.QUEUE;
    }

    /** Binds the lease owner (this node) and its expiry of {@link StoreSql#INSERT_LEASED_DELIVERY}. */
    private void bindLease(PreparedStatement s, int offset, long leaseUntil) throws SQLException {
        s.setString(offset + 1, nodeId);
        s.setLong(offset + 2, leaseUntil);
    }

    /** What hands a leased delivery to its consumer once the transaction has committed. */
    private Runnable handOff(Send send, SendTarget target, long deliveryId, long messageId) {
        Delivery delivery = new Delivery(deliveryId, target.queueId(), messageId, 1, target.name(),
                DestinationKind.QUEUE, null, null, send.message());
        return () -> {
            counters.dequeued(target.queueId(), 1);
            send.handOff().accept(delivery);
        };
    }

    private static void bindMessage(PreparedStatement s, long id, SendTarget target, MessageRecord r)
            throws SQLException {
        bindMessage(s, id, target.name(), String.valueOf(target.kind().code()), r, r.properties());
    }

    /** Binds the parameters of {@link StoreSql#INSERT_MESSAGE}; {@code properties} may differ from the record's. */
    static void bindMessage(PreparedStatement s, long id, String destinationName, String kindCode, MessageRecord r,
                            byte[] properties) throws SQLException {
        s.setLong(1, id);
        s.setString(2, destinationName);
        s.setString(3, kindCode);
        s.setString(4, r.messageId());
        s.setLong(5, r.timestamp());
        s.setString(6, r.correlationId());
        setBytes(s, 7, r.correlationIdBytes());
        s.setString(8, r.replyTo());
        s.setString(9, r.type());
        s.setBoolean(10, r.persistent());
        s.setInt(11, r.priority());
        s.setLong(12, r.expiration());
        s.setLong(13, r.deliveryTime());
        s.setString(14, r.groupId());
        s.setInt(15, r.groupSeq());
        s.setInt(16, r.bodyType());
        s.setBytes(17, properties);
        setBytes(s, 18, r.body());
    }

    /** Binds the parameters of {@link StoreSql#INSERT_DELIVERY}, the first at {@code offset + 1}. */
    private static void bindDelivery(PreparedStatement s, int offset, long id, long queueId, long messageId,
                                     MessageRecord r, boolean shared) throws SQLException {
        s.setLong(offset + 1, id);
        s.setLong(offset + 2, queueId);
        s.setLong(offset + 3, messageId);
        s.setInt(offset + 4, r.priority());
        s.setLong(offset + 5, r.deliveryTime());
        s.setLong(offset + 6, r.expiration());
        s.setString(offset + 7, r.groupId());
        s.setBoolean(offset + 8, shared);
    }

    private static void setBytes(PreparedStatement s, int index, byte[] value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARBINARY);
        } else {
            s.setBytes(index, value);
        }
    }

    private SendTarget sendTarget(Connection c, long destinationId) throws SQLException {
        SendTarget target = sendTargets.get(destinationId);
        if (target != null) {
            return target;
        }
        try (PreparedStatement statement = c.prepareStatement("SELECT t.name, t.kind, q.id FROM ferry_destination t "
                + "LEFT JOIN ferry_queue q ON q.destination_id = t.id AND q.kind = 'Q' WHERE t.id = ?")) {
            statement.setLong(1, destinationId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("commit failed: cannot send to destination " + destinationId
                            + ": no such destination");
                }
                target = new SendTarget(rs.getString(1), DestinationKind.ofCode(rs.getString(2).charAt(0)),
                        rs.getLong(3));
            }
        }
        sendTargets.put(destinationId, target);
        return target;
    }

    // ---- topic subscriptions ---------------------------------------------------------------------------

    @Override
    public void setFanOutFilter(FanOutFilter filter) {
        this.fanOutFilter = filter == null ? FanOutFilter.ACCEPT_ALL : filter;
    }

    @Override
    public Subscription subscribe(SubscriptionRequest request) {
        Objects.requireNonNull(request, "request");
        String key = request.key();
        if (key != null) {
            Optional<Subscription> existing = jdbc("find subscription " + request.name(),
                    c -> SubscriptionRows.byKey(c, key));
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        try {
            return jdbc("create subscription " + (key == null ? "to topic " + request.topicId() : request.name()),
                    c -> {
                        subscriptionCache.changed(c, request.topicId());
                        return SubscriptionRows.insert(c, destinationIds.nextId(c), request, nodeId);
                    });
        } catch (StoreException e) {
            if (key == null || !isUniqueViolation(e)) {
                throw e;
            }
            // created concurrently by another thread or node: that one is the subscription
            return jdbc("find subscription " + request.name(), c -> SubscriptionRows.byKey(c, key))
                    .orElseThrow(() -> e);
        }
    }

    @Override
    public Subscription replaceSubscription(long queueId, SubscriptionRequest request) {
        Objects.requireNonNull(request, "request");
        return jdbc("replace subscription " + request.name(), c -> {
            deleteSubscriptionRows(c, queueId);
            subscriptionCache.changed(c, request.topicId());
            return SubscriptionRows.insert(c, destinationIds.nextId(c), request, nodeId);
        });
    }

    @Override
    public Optional<Subscription> findSubscription(boolean durable, boolean shared, String clientId, String name) {
        String key = Subscription.keyOf(durable, shared, clientId, name);
        if (key == null) {
            throw new IllegalArgumentException("an unshared non-durable subscription has no name to find it by");
        }
        return jdbc("find subscription " + name, c -> SubscriptionRows.byKey(c, key));
    }

    @Override
    public boolean deleteSubscription(long queueId) {
        return jdbc("delete subscription " + queueId, c -> deleteSubscriptionRows(c, queueId));
    }

    @Override
    public List<Subscription> subscriptions(long topicId) {
        return jdbc("list subscriptions of topic " + topicId, c -> SubscriptionRows.ofTopic(c, topicId));
    }

    private boolean deleteSubscriptionRows(Connection c, long queueId) throws SQLException {
        Long topic = SubscriptionRows.topicOf(c, queueId);
        if (topic != null) {
            subscriptionCache.changed(c, topic);
        }
        removeDeliveries(c, "DELETE FROM ferry_delivery d WHERE d.queue_id = ?",
                statement -> statement.setLong(1, queueId));
        try (PreparedStatement statement = c.prepareStatement(
                "DELETE FROM ferry_queue WHERE id = ? AND kind = 'S'")) {
            statement.setLong(1, queueId);
            return statement.executeUpdate() > 0;
        }
    }

    /**
     * Deletes acknowledged deliveries, then each message that no delivery refers to any more. Only deliveries
     * this node still leases count: one whose lease expired and went to another node is that node's to settle,
     * and is redelivered (marked redelivered) rather than lost.
     */
    private void acknowledge(Connection c, List<Long> deliveryIds) throws SQLException {
        Array ids = StoreSql.longArray(c, deliveryIds);
        if (retained.inUse()) {
            retained.keep(c, ids, nodeId);
        }
        removeDeliveries(c, "DELETE FROM ferry_delivery d WHERE d.id = ANY(?) AND d.lease_owner = ?", statement -> {
            statement.setArray(1, ids);
            statement.setString(2, nodeId);
        });
        if (!groupEnds.isEmpty()) {
            for (GroupEnds.End end : groupEnds.acknowledged(deliveryIds)) {
                MessageGroups.releaseIfIdle(c, end.queueId(), List.of(end.groupId()), end.consumerId());
            }
        }
    }

    /**
     * Deletes deliveries (the DELETE of {@code ferry_delivery d} given) and every message that no delivery refers
     * to any more; returns how many deliveries were deleted.
     */
    private int removeDeliveries(Connection c, String delete, StoreSql.Binder binder) throws SQLException {
        StoreSql.Removal removal = sql.removeDeliveries(c, delete, binder);
        if (!removal.sharedMessages().isEmpty()) {
            deleteUnreferencedMessages(c, removal.sharedMessages());
        }
        return removal.deliveries();
    }

    private static void deleteUnreferencedMessages(Connection c, List<Long> messageIds) throws SQLException {
        List<Long> sorted = new ArrayList<>(new HashSet<>(messageIds));
        Collections.sort(sorted);
        Array ids = StoreSql.longArray(c, sorted);
        // Two transactions acknowledging the last two deliveries of one message would each still see the
        // other's delivery and keep the message forever. Locking the message rows first (in id order, so
        // no deadlock) makes the later one look again after the earlier has committed.
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT id FROM ferry_message WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
            lock.setArray(1, ids);
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    // locks are taken as rows are read
                }
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM ferry_message m WHERE m.id = ANY(?) "
                + "AND NOT EXISTS (SELECT 1 FROM ferry_delivery d WHERE d.message_id = m.id)")) {
            delete.setArray(1, ids);
            delete.executeUpdate();
        }
    }

    /** A claim without a consumer's name: the node acts as one consumer for message groups. */
    @Override
    public List<Delivery> claim(long queueId, int max) {
        return claim(queueId, max, nodeId);
    }

    @Override
    public List<Delivery> claim(long queueId, int max, String consumerId) {
        if (max <= 0) {
            throw new IllegalArgumentException("claim of queue " + queueId + ": max must be positive, was " + max);
        }
        Objects.requireNonNull(consumerId, "consumerId");
        if (!sql.serialisesClaimsInJvm()) {
            return claimNow(queueId, max, consumerId);
        }
        ReentrantLock lock = CLAIM_LOCKS.computeIfAbsent(databaseIdentity + '#' + queueId, k -> new ReentrantLock());
        lock.lock();
        try {
            return claimNow(queueId, max, consumerId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * One statement when nothing grouped is claimed (the common case). A claim takes at most the first waiting
     * delivery of each group per statement, so while grouped deliveries come back and the batch has room, the
     * statement runs again in the same transaction for the groups' next deliveries; then the groups are recorded
     * as this consumer's.
     */
    private List<Delivery> claimNow(long queueId, int max, String consumerId) {
        long now = System.currentTimeMillis();
        long leaseUntil = now + leaseTimeoutMillis;
        List<Delivery> claimed = claimTransaction("claim from queue " + queueId, c -> {
            List<Delivery> first = sql.claim(c, queueId, max, nodeId, consumerId, now, leaseUntil);
            if (!MessageGroups.anyGrouped(first)) {
                return first;
            }
            List<Delivery> all = new ArrayList<>(first);
            List<Delivery> last = first;
            while (all.size() < max && MessageGroups.anyGrouped(last)) {
                last = sql.claim(c, queueId, max - all.size(), nodeId, consumerId, now, leaseUntil);
                all.addAll(last);
            }
            MessageGroups.own(database, c, all, consumerId, nodeId, leaseUntil);
            return MessageGroups.inGroupOrder(all);
        });
        groupEnds.claimed(claimed, consumerId);
        counters.dequeued(queueId, claimed.size());
        return claimed;
    }

    @Override
    public List<Delivery> claim(long queueId, int max, DeliveryFilter filter, ScanCursor cursor) {
        return claim(queueId, max, filter, cursor, nodeId);
    }

    @Override
    public List<Delivery> claim(long queueId, int max, DeliveryFilter filter, ScanCursor cursor, String consumerId) {
        if (max <= 0) {
            throw new IllegalArgumentException("claim of queue " + queueId + ": max must be positive, was " + max);
        }
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(consumerId, "consumerId");
        if (!sql.serialisesClaimsInJvm()) {
            return claimSelected(queueId, max, filter, cursor, consumerId);
        }
        ReentrantLock lock = CLAIM_LOCKS.computeIfAbsent(databaseIdentity + '#' + queueId, k -> new ReentrantLock());
        lock.lock();
        try {
            return claimSelected(queueId, max, filter, cursor, consumerId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Scans the queue page by page from the cursor (each page and each lease its own short transaction; the
     * filter runs outside them). The cursor moves past rows refused, taken or lost to another claimer, but stops
     * before the first accepted row that is not due yet (a delayed message or a redelivery delay), so it is found
     * again when due; rows after it are read again until then. A grouped row the consumer may not lease yet (its
     * group is another consumer's, or an earlier message of the group waits) holds the cursor the same way. A
     * selective consumer keeps a group only while it has deliveries of it in flight: it gives the group up when it
     * has acknowledged them, so that a group whose next message its selector refuses goes on with another consumer.
     */
    private List<Delivery> claimSelected(long queueId, int max, DeliveryFilter filter, ScanCursor cursor,
                                         String consumerId) {
        long now = System.currentTimeMillis();
        List<Delivery> taken = new ArrayList<>();
        long after = cursor.start(now);
        boolean held = false;
        boolean sawExpired = false;
        boolean more = true;
        while (more && taken.size() < max) {
            long from = after;
            List<SelectiveClaim.Row> page = jdbc("scan queue " + queueId, c -> SelectiveClaim.pausedOrGone(c, queueId)
                    ? List.<SelectiveClaim.Row>of() : SelectiveClaim.page(sql, c, queueId, from));
            more = page.size() == SelectiveClaim.PAGE_SIZE;
            List<SelectiveClaim.Row> wanted = new ArrayList<>();
            for (SelectiveClaim.Row row : page) {
                if (taken.size() + wanted.size() == max) {
                    more = false;
                    break;
                }
                after = row.readySeq();
                if (row.expiredAt(now)) {
                    // expired below, which moves it to the expiry queue or drops it
                    sawExpired = true;
                    if (!held) {
                        cursor.advanceTo(row.readySeq());
                    }
                } else if (!filter.accepts(row.delivery())) {
                    if (!held) {
                        cursor.advanceTo(row.readySeq());
                    }
                } else if (row.readyAt() > now) {
                    held = true;
                } else {
                    wanted.add(row);
                }
            }
            if (!wanted.isEmpty()) {
                Set<Long> leased = leaseSelected(queueId, wanted, consumerId, now);
                for (SelectiveClaim.Row row : wanted) {
                    boolean won = leased.contains(row.delivery().deliveryId());
                    if (won) {
                        taken.add(row.delivery());
                    } else if (row.delivery().message().groupId() != null) {
                        // not open to this consumer yet (another owner, an earlier message waiting): look again
                        held = true;
                    }
                    if (!held) {
                        // taken, or taken by a concurrent claimer: either way it returns with a new ready number
                        cursor.advanceTo(row.readySeq());
                    }
                }
            }
        }
        groupEnds.claimedSelectively(taken, consumerId);
        if (sawExpired) {
            expire();
        }
        counters.dequeued(queueId, taken.size());
        // JMS 3.1 §3.4.10: higher priority first among what this claim hands out (a group keeps its send order)
        return MessageGroups.inGroupOrder(taken);
    }

    /**
     * Leases the wanted rows; a lease takes at most the first waiting delivery of a group, so while a round leases
     * grouped rows, the group's further wanted rows are tried again in another round.
     */
    private Set<Long> leaseSelected(long queueId, List<SelectiveClaim.Row> wanted, String consumerId, long now) {
        Set<Long> leased = new HashSet<>();
        List<SelectiveClaim.Row> round = wanted;
        while (!round.isEmpty()) {
            List<SelectiveClaim.Row> rows = round;
            Set<Long> won = claimTransaction("claim from queue " + queueId, c -> SelectiveClaim.lease(sql, database, c, rows,
                    nodeId, consumerId, now, now + leaseTimeoutMillis));
            leased.addAll(won);
            Set<String> advanced = new HashSet<>();
            for (SelectiveClaim.Row row : rows) {
                if (won.contains(row.delivery().deliveryId()) && row.delivery().message().groupId() != null) {
                    advanced.add(row.delivery().message().groupId());
                }
            }
            List<SelectiveClaim.Row> next = new ArrayList<>();
            for (SelectiveClaim.Row row : rows) {
                String group = row.delivery().message().groupId();
                if (!won.contains(row.delivery().deliveryId()) && advanced.contains(group)) {
                    next.add(row);
                }
            }
            round = next;
        }
        return leased;
    }

    @Override
    public void closeConsumer(String consumerId, Collection<Settlement> returned) {
        Objects.requireNonNull(consumerId, "consumerId");
        Objects.requireNonNull(returned, "returned");
        List<Settlement> list = new ArrayList<>(returned);
        Map<String, Long> deadLetterQueues = deadLetterQueuesOf(list);
        Set<Long> woken = jdbc("close consumer " + consumerId, c -> {
            Set<Long> queues = new HashSet<>();
            if (!list.isEmpty()) {
                queues.addAll(applySettlements(c, list, deadLetterQueues));
            }
            queues.addAll(MessageGroups.releaseConsumer(sql, c, consumerId));
            return queues;
        });
        groupEnds.consumerClosed(consumerId);
        notifyListeners(woken);
    }

    @Override
    public void settle(Collection<Settlement> settlements) {
        Objects.requireNonNull(settlements, "settlements");
        if (settlements.isEmpty()) {
            return;
        }
        List<Settlement> list = new ArrayList<>(settlements);
        Map<String, Long> deadLetterQueues = deadLetterQueuesOf(list);
        Set<Long> woken = jdbc("settle", c -> announce(c, applySettlements(c, list, deadLetterQueues)));
        announced();
        notifyListeners(woken);
    }

    /** Creates the dead-letter queues named by the settlements (outside the settling transaction). */
    private Map<String, Long> deadLetterQueuesOf(List<Settlement> settlements) {
        Map<String, Long> queues = new HashMap<>();
        for (Settlement settlement : settlements) {
            Objects.requireNonNull(settlement, "settlement");
            if (settlement instanceof Settlement.DeadLetter) {
                String name = ((Settlement.DeadLetter) settlement).deadLetterQueue();
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("dead-lettering delivery " + settlement.deliveryId()
                            + " needs the name of a dead-letter queue");
                }
                if (!queues.containsKey(name)) {
                    queues.put(name, createDestinationIfAbsent(name, DestinationKind.QUEUE).queueId());
                }
            } else if (settlement instanceof Settlement.Redeliver && ((Settlement.Redeliver) settlement).readyAt() < 0) {
                throw new IllegalArgumentException("redelivery of delivery " + settlement.deliveryId()
                        + ": readyAt must not be negative");
            }
        }
        return queues;
    }

    /**
     * Applies settlements to deliveries leased by this node (others' leases are not ours to settle); returns
     * the queues where deliveries became ready.
     */
    private Set<Long> applySettlements(Connection c, List<Settlement> settlements, Map<String, Long> deadLetterQueues)
            throws SQLException {
        List<Long> unconsumed = new ArrayList<>();
        List<Settlement.Redeliver> redeliveries = new ArrayList<>();
        List<Settlement.DeadLetter> deadLetters = new ArrayList<>();
        for (Settlement settlement : settlements) {
            if (settlement instanceof Settlement.Unconsumed) {
                unconsumed.add(settlement.deliveryId());
            } else if (settlement instanceof Settlement.Redeliver) {
                redeliveries.add((Settlement.Redeliver) settlement);
            } else {
                deadLetters.add((Settlement.DeadLetter) settlement);
            }
        }
        Set<Long> woken = new HashSet<>();
        if (!groupEnds.isEmpty()) {
            groupEnds.returned(settlements);
        }
        if (!listeners.isEmpty() && (!unconsumed.isEmpty() || !redeliveries.isEmpty())) {
            List<Long> returning = new ArrayList<>(unconsumed);
            redeliveries.forEach(r -> returning.add(r.deliveryId()));
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT DISTINCT queue_id FROM ferry_delivery WHERE id = ANY(?)")) {
                statement.setArray(1, StoreSql.longArray(c, returning));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        woken.add(rs.getLong(1));
                    }
                }
            }
        }
        if (!unconsumed.isEmpty()) {
            // never handed to the application: as if never claimed (JMSXDeliveryCount restored)
            try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET "
                    + SelectiveClaim.renewReadySeq(database) + "lease_owner = NULL, "
                    + "lease_expires_at = 0, delivery_count = delivery_count - 1 "
                    + "WHERE id = ANY(?) AND " + StoreSql.LEASED_BY)) {
                statement.setArray(1, StoreSql.longArray(c, unconsumed));
                statement.setString(2, nodeId);
                statement.executeUpdate();
            }
        }
        if (!redeliveries.isEmpty()) {
            try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET "
                    + SelectiveClaim.renewReadySeq(database) + "lease_owner = NULL, "
                    + "lease_expires_at = 0, ready_at = ? WHERE id = ? AND " + StoreSql.LEASED_BY)) {
                for (Settlement.Redeliver redeliver : redeliveries) {
                    statement.setLong(1, redeliver.readyAt());
                    statement.setLong(2, redeliver.deliveryId());
                    statement.setString(3, nodeId);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!deadLetters.isEmpty()) {
            try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET "
                    + SelectiveClaim.renewReadySeq(database) + "queue_id = ?, "
                    + "lease_owner = NULL, lease_expires_at = 0, failure_reason = ?, "
                    + "original_destination = COALESCE(original_destination, (SELECT t.name FROM ferry_queue q "
                    + "JOIN ferry_destination t ON t.id = q.destination_id WHERE q.id = ferry_delivery.queue_id)) "
                    + "WHERE id = ? AND " + StoreSql.LEASED_BY)) {
                for (Settlement.DeadLetter deadLetter : deadLetters) {
                    long queueId = deadLetterQueues.get(deadLetter.deadLetterQueue());
                    statement.setLong(1, queueId);
                    statement.setString(2, deadLetter.reason());
                    statement.setLong(3, deadLetter.deliveryId());
                    statement.setString(4, nodeId);
                    statement.addBatch();
                    woken.add(queueId);
                }
                statement.executeBatch();
            }
        }
        return woken;
    }

    // ---- inspection and administration -----------------------------------------------------------------

    @Override
    public List<Delivery> browse(long queueId, long afterDeliveryId, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("browse of queue " + queueId + ": max must be positive, was " + max);
        }
        long now = System.currentTimeMillis();
        return transaction("browse queue " + queueId, session -> {
            // keyset paging in delivery order (priority, then id): continue after the cursor's position
            Integer afterPriority = afterDeliveryId <= 0 ? null : session.createSelectionQuery(
                            "select d.priority from DeliveryEntity d where d.id = :id", Integer.class)
                    .setParameter("id", afterDeliveryId)
                    .getResultList().stream().findFirst().orElse(null);
            int priority = afterPriority == null ? 10 : afterPriority;
            long after = afterPriority == null ? Long.MIN_VALUE : afterDeliveryId;
            List<DeliveryEntity> page = session.createSelectionQuery(
                            "select d from DeliveryEntity d join fetch d.message m where d.queueId = :queue "
                                    + "and (d.expiresAt = 0 or d.expiresAt > :now) and m.deliveryTime <= :now "
                                    + "and (d.leaseOwner is null or d.leaseOwner not like 'xa-send:%') "
                                    + "and (d.priority < :priority or (d.priority = :priority and d.id > :after)) "
                                    + "order by d.priority desc, d.id", DeliveryEntity.class)
                    .setParameter("queue", queueId)
                    .setParameter("now", now)
                    .setParameter("priority", priority)
                    .setParameter("after", after)
                    .setMaxResults(max)
                    .getResultList();
            List<Delivery> deliveries = new ArrayList<>(page.size());
            page.forEach(d -> deliveries.add(d.toDelivery()));
            return deliveries;
        });
    }

    @Override
    public QueueStatistics statistics(long queueId) {
        long now = System.currentTimeMillis();
        return transaction("statistics of queue " + queueId, session -> {
            String live = "(d.expiresAt = 0 or d.expiresAt > :now)";
            String ready = "d.leaseOwner is null and d.readyAt <= :now and " + live;
            Object[] row = session.createSelectionQuery("select "
                            + "sum(case when " + ready + " then 1 else 0 end), "
                            + "sum(case when d.leaseOwner is not null then 1 else 0 end), "
                            + "sum(case when d.leaseOwner is null and d.readyAt > :now and " + live
                            + " then 1 else 0 end), "
                            + "min(case when " + ready + " then m.timestamp else null end) "
                            + "from DeliveryEntity d join d.message m where d.queueId = :queue", Object[].class)
                    .setParameter("now", now)
                    .setParameter("queue", queueId)
                    .getSingleResult();
            return new QueueStatistics(number(row[0]), number(row[1]), number(row[2]), number(row[3]));
        });
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Override
    public long purge(long queueId) {
        return jdbc("purge queue " + queueId, c -> {
            return (long) removeDeliveries(c,
                    "DELETE FROM ferry_delivery d WHERE d.queue_id = ? AND d.lease_owner IS NULL",
                    statement -> statement.setLong(1, queueId));
        });
    }

    @Override
    public OptionalLong nextReadyTime(long queueId) {
        long now = System.currentTimeMillis();
        Long next = transaction("next ready time of queue " + queueId, session -> session.createSelectionQuery(
                        "select min(d.readyAt) from DeliveryEntity d where d.queueId = :queue "
                                + "and d.leaseOwner is null and d.readyAt > :now "
                                + "and (d.expiresAt = 0 or d.expiresAt > d.readyAt)", Long.class)
                .setParameter("queue", queueId)
                .setParameter("now", now)
                .getSingleResult());
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    @Override
    public int recoverExpiredLeases() {
        long now = System.currentTimeMillis();
        Set<Long> queues = new HashSet<>();
        int recovered = jdbc("recover expired leases", c -> {
            // the delivery count is kept: the next claim increments it and the message is marked redelivered;
            // "lease_owner > ''" means leased, written as a range so that H2 and PostgreSQL use the lease index
            try (PreparedStatement statement = c.prepareStatement(sql.returning("UPDATE ferry_delivery d "
                    + "SET " + SelectiveClaim.renewReadySeq(database) + "lease_owner = NULL, lease_expires_at = 0 "
                    + "WHERE d.lease_owner > '' AND d.lease_expires_at < ?", "queue_id"))) {
                statement.setLong(1, now);
                int count = countQueues(statement, queues);
                // after the deliveries: a freed group's next owner starts with its oldest message
                queues.addAll(MessageGroups.recoverExpired(sql, c, now));
                announce(c, queues);
                return count;
            }
        });
        announced();
        if (recovered > 0) {
            LOG.info("returned {} deliveries with expired leases to their queues", recovered);
        }
        notifyListeners(queues);
        return recovered;
    }

    private static int countQueues(PreparedStatement statement, Set<Long> queues) throws SQLException {
        int rows = 0;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows++;
                queues.add(rs.getLong(1));
            }
        }
        return rows;
    }

    @Override
    public int expire() {
        long now = System.currentTimeMillis();
        String expired = "d.expires_at > 0 AND d.expires_at <= ? AND d.lease_owner IS NULL";
        List<String> expiryQueueNames = jdbc("find expiry queues", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT DISTINCT t.expiry_queue "
                    + "FROM ferry_delivery d JOIN ferry_queue q ON q.id = d.queue_id "
                    + "JOIN ferry_destination t ON t.id = q.destination_id "
                    + "WHERE " + expired)) {
                statement.setLong(1, now);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String name = expiryQueueOf(rs.getString(1));
                        if (name != null) {
                            names.add(name);
                        }
                    }
                }
            }
            return names;
        });
        Map<String, Long> expiryQueues = new HashMap<>();
        for (String name : expiryQueueNames) {
            expiryQueues.put(name, createDestinationIfAbsent(name, DestinationKind.QUEUE).queueId());
        }
        Set<Long> woken = new HashSet<>();
        int count = jdbc("expire", c -> {
            Map<Long, List<Long>> dropByQueue = new HashMap<>();
            Map<Long, Long> moveTo = new LinkedHashMap<>();
            Map<Long, Long> sourceQueue = new HashMap<>();
            Map<Long, Long> expiredPerQueue = new HashMap<>();
            Map<Long, String> origin = new HashMap<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT d.id, d.queue_id, t.name, t.expiry_queue "
                    + "FROM ferry_delivery d JOIN ferry_queue q ON q.id = d.queue_id "
                    + "JOIN ferry_destination t ON t.id = q.destination_id WHERE " + expired)) {
                statement.setLong(1, now);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String expiryQueue = expiryQueueOf(rs.getString(4));
                        Long target = expiryQueue == null ? null : expiryQueues.get(expiryQueue);
                        if (target == null || target == rs.getLong(2)) {
                            dropByQueue.computeIfAbsent(rs.getLong(2), q -> new ArrayList<>()).add(id);
                        } else {
                            moveTo.put(id, target);
                            origin.put(id, rs.getString(3));
                            sourceQueue.put(id, rs.getLong(2));
                        }
                    }
                }
            }
            int done = 0;
            if (!moveTo.isEmpty()) {
                // expires_at = 0: in the expiry queue the message stays until someone takes it
                try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET "
                        + SelectiveClaim.renewReadySeq(database) + "queue_id = ?, "
                        + "expires_at = 0, failure_reason = 'expired', "
                        + "original_destination = COALESCE(original_destination, ?) "
                        + "WHERE id = ? AND lease_owner IS NULL AND expires_at > 0")) {
                    for (Map.Entry<Long, Long> move : moveTo.entrySet()) {
                        statement.setLong(1, move.getValue());
                        statement.setString(2, origin.get(move.getKey()));
                        statement.setLong(3, move.getKey());
                        statement.addBatch();
                    }
                    int[] results = statement.executeBatch();
                    List<Long> moved = new ArrayList<>(moveTo.keySet());
                    for (int i = 0; i < results.length; i++) {
                        int rows = results[i] == PreparedStatement.SUCCESS_NO_INFO ? 1 : results[i];
                        done += rows;
                        expiredPerQueue.merge(sourceQueue.get(moved.get(i)), (long) rows, Long::sum);
                    }
                }
                woken.addAll(moveTo.values());
            }
            for (Map.Entry<Long, List<Long>> drop : dropByQueue.entrySet()) {
                Array ids = StoreSql.longArray(c, drop.getValue());
                int dropped = removeDeliveries(c, "DELETE FROM ferry_delivery d "
                                + "WHERE d.id = ANY(?) AND d.lease_owner IS NULL",
                        statement -> statement.setArray(1, ids));
                done += dropped;
                expiredPerQueue.merge(drop.getKey(), (long) dropped, Long::sum);
            }
            ExpiryCounts.add(c, expiredPerQueue);
            return done;
        });
        notifyListeners(woken);
        return count;
    }

    /** The expiry queue of a destination whose policy names {@code policyQueue}, or {@code null} to drop. */
    private String expiryQueueOf(String policyQueue) {
        String name = policyQueue != null ? policyQueue : defaultExpiryQueue;
        return name.isEmpty() ? null : name;
    }

    @Override
    public long expiredCount(long queueId) {
        return jdbc("expired count of queue " + queueId, c -> ExpiryCounts.of(c, queueId));
    }

    // ---- XA transaction branches -------------------------------------------------------------------------

    @Override
    public boolean prepare(TransactionBranch branch, UnitOfWork work, long startedAt) {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(work, "work");
        if (!work.settlements().isEmpty()) {
            throw new IllegalArgumentException("a transaction branch sends and acknowledges; it does not settle");
        }
        for (Send send : work.sends()) {
            if (send.message() == null) {
                throw new IllegalArgumentException("cannot send a null message to destination "
                        + send.destinationId());
            }
        }
        long now = System.currentTimeMillis();
        try {
            jdbc("prepare " + branch, c -> {
                long id = preparedBranches.insert(c, branch, nodeId, startedAt, now);
                preparedBranches.hold(c, id, work.acknowledgements(), nodeId);
                if (!work.sends().isEmpty()) {
                    List<Long> sent = new ArrayList<>();
                    enqueue(c, work.sends(), sent);
                    preparedBranches.markSent(c, id, sent);
                }
                return null;
            });
            return true;
        } catch (PreparedBranches.LeaseLost e) {
            LOG.info("{} cannot be prepared: {}", branch, e.getMessage());
            return false;
        } catch (StoreException e) {
            if (isUniqueViolation(e)) {
                throw new StoreException(branch + " is already prepared", e);
            }
            throw e;
        }
    }

    @Override
    public boolean commitPrepared(TransactionBranch branch) {
        Objects.requireNonNull(branch, "branch");
        Set<Long> woken = new HashSet<>();
        boolean found = jdbc("commit prepared " + branch, c -> {
            OptionalLong id = preparedBranches.lock(c, branch);
            if (id.isEmpty()) {
                return false;
            }
            String held = PreparedBranches.heldMark(id.getAsLong());
            removeDeliveries(c, "DELETE FROM ferry_delivery d WHERE d.lease_owner = ?",
                    statement -> statement.setString(1, held));
            woken.addAll(preparedBranches.publishSends(c, id.getAsLong()));
            preparedBranches.delete(c, id.getAsLong());
            return true;
        });
        notifyListeners(woken);
        return found;
    }

    @Override
    public boolean rollbackPrepared(TransactionBranch branch) {
        Objects.requireNonNull(branch, "branch");
        long now = System.currentTimeMillis();
        Set<Long> woken = new HashSet<>();
        boolean found = jdbc("roll back prepared " + branch, c -> {
            OptionalLong id = preparedBranches.lock(c, branch);
            if (id.isEmpty()) {
                return false;
            }
            String sent = PreparedBranches.sendMark(id.getAsLong());
            removeDeliveries(c, "DELETE FROM ferry_delivery d WHERE d.lease_owner = ?",
                    statement -> statement.setString(1, sent));
            woken.addAll(preparedBranches.returnHeld(c, id.getAsLong(), now));
            preparedBranches.delete(c, id.getAsLong());
            return true;
        });
        notifyListeners(woken);
        return found;
    }

    @Override
    public List<TransactionBranch> preparedBranches() {
        return jdbc("list prepared branches", PreparedBranches::all);
    }

    // ---- wake-ups --------------------------------------------------------------------------------------

    @Override
    public void addWakeUpListener(WakeUpListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeWakeUpListener(WakeUpListener listener) {
        listeners.remove(listener);
    }

    /**
     * Inside a transaction that made deliveries ready on {@code queues}: tells the other nodes, by a notification
     * that PostgreSQL delivers only if the transaction commits. Call {@link #announced()} after the commit.
     */
    private Set<Long> announce(Connection c, Set<Long> queues) throws SQLException {
        if (notifications != null) {
            notifications.announce(c, queues);
        }
        return queues;
    }

    private void announced() {
        if (notifications != null) {
            notifications.committed();
        }
    }

    /** A notification in a transaction of its own (the trailing one of a coalescing window). */
    private void notifyNow(Set<Long> queues) {
        runJdbc("wake-up notification", c -> {
            notifications.send(c, queues);
            return null;
        });
    }

    /** Tells the notifications how many nodes there are: a node alone sends none. */
    private void countNodes() {
        if (notifications == null) {
            return;
        }
        long readAt = System.nanoTime();
        int nodes = jdbc("count nodes", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT count(*) FROM ferry_node");
                 ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        });
        notifications.nodesSeen(nodes, readAt);
    }

    private Set<Long> allQueueIds() {
        return jdbc("list queues", c -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT id FROM ferry_queue");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    @Override
    public boolean hearsOtherNodes() {
        return source.exclusiveEmbedded() || (notifications != null && notifications.listening());
    }

    /** Notifications this node sent and heard (its own included), for tests and measurements. */
    long[] notificationCounts() {
        return notifications == null ? new long[2]
                : new long[] {notifications.notificationsSent(), notifications.notificationsReceived()};
    }

    private PgNotifications notifications() {
        return notifications;
    }

    /** This node's cached topic subscriptions (tests, measurements). */
    SubscriptionCache subscriptionCache() {
        return subscriptionCache;
    }

    private void notifyListeners(Set<Long> queueIds) {
        if (queueIds.isEmpty() || listeners.isEmpty()) {
            return;
        }
        Set<Long> unmodifiable = Collections.unmodifiableSet(queueIds);
        for (WakeUpListener listener : listeners) {
            try {
                listener.deliveriesAdded(unmodifiable);
            } catch (RuntimeException e) {
                LOG.warn("wake-up listener {} failed; the deliveries are stored and will be found by polling",
                        listener, e);
            }
        }
    }

    // ---- nodes and leases ------------------------------------------------------------------------------

    private void beat() {
        try {
            long now = System.currentTimeMillis();
            List<String> lostClientIds = new ArrayList<>();
            runJdbc("heartbeat", c -> {
                try (PreparedStatement node = c.prepareStatement(
                        "UPDATE ferry_node SET heartbeat_at = ? WHERE id = ?")) {
                    node.setLong(1, now);
                    node.setString(2, nodeId);
                    if (node.executeUpdate() == 0) {
                        // another node took us for dead (a long pause) and removed our row: come back
                        LOG.warn("node {} was missing from ferry_node; registering it again", nodeId);
                        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ferry_node "
                                + "(id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)")) {
                            insert.setString(1, nodeId);
                            insert.setString(2, hostName());
                            insert.setLong(3, ProcessHandle.current().pid());
                            insert.setLong(4, now);
                            insert.setLong(5, now);
                            insert.executeUpdate();
                        }
                        NodeRegistry.reattach(c, nodeId, consumersHere);
                        lostClientIds.addAll(ClientIdClaims.reclaim(c, nodeId, connectionsByClientId(), now));
                    }
                }
                // Rows that a commit of this node holds right now (being acknowledged or settled) are skipped:
                // waiting for them, in another row order than the commit's, could deadlock and fail that
                // commit. Their lease is renewed at the next beat if they are still leased then.
                List<Long> leased = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT id FROM ferry_delivery WHERE lease_owner = ? FOR UPDATE SKIP LOCKED")) {
                    select.setString(1, nodeId);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            leased.add(rs.getLong(1));
                        }
                    }
                }
                if (!leased.isEmpty()) {
                    try (PreparedStatement renew = c.prepareStatement(
                            "UPDATE ferry_delivery SET lease_expires_at = ? WHERE id = ANY(?)")) {
                        renew.setLong(1, now + leaseTimeoutMillis);
                        renew.setArray(2, StoreSql.longArray(c, leased));
                        renew.executeUpdate();
                    }
                }
                return null;
            });
            clientIdsLost(lostClientIds);
            if (closed) {
                return;
            }
            // its own transaction: it may wait for a claim that is recording a group, never the other way round
            runJdbc("renew group leases", c -> {
                MessageGroups.renew(c, nodeId, now + leaseTimeoutMillis);
                return null;
            });
            recoverExpiredLeases();
            sweepDeadNodes();
            runJdbc("administration housekeeping", c -> {
                counters.write(c, database, nodeId);
                return retained.housekeep(c);
            });
            countNodes();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("heartbeat of node {} failed; retrying at the next interval", nodeId, e);
            }
        }
    }

    /** Forgets nodes that stopped heartbeating and deletes the temporary destinations their connections owned. */
    private void sweepDeadNodes() {
        long deadline = System.currentTimeMillis() - leaseTimeoutMillis;
        List<Long> orphans = jdbc("sweep dead nodes", c -> {
            try (PreparedStatement statement = c.prepareStatement(
                    "DELETE FROM ferry_node WHERE heartbeat_at < ? AND id <> ?")) {
                statement.setLong(1, deadline);
                statement.setString(2, nodeId);
                statement.executeUpdate();
            }
            NodeRegistry.forgetConsumers(c, null); // the dead nodes' claims on subscriptions lapse
            ClientIdClaims.forget(c, null); // and so do their connections' client IDs
            for (long subscription : SubscriptionRows.orphaned(c, null, deadline)) {
                deleteSubscriptionRows(c, subscription); // non-durable: it lived only as long as its node
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT t.id FROM ferry_destination t "
                    + "WHERE t.temporary AND NOT EXISTS (SELECT 1 FROM ferry_node n WHERE n.id = t.owner_node)");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
        for (long id : orphans) {
            try {
                jdbc("delete orphaned temporary destination " + id, c -> {
                    deleteDestinationRows(c, id);
                    return null;
                });
                sendTargets.remove(id);
            } catch (StoreException e) {
                LOG.warn("could not delete temporary destination {} of a dead node", id, e);
            }
        }
    }

    private void recoverLeasesOfNodesOutsideThisJvm(Set<String> live) {
        int recovered = jdbc("recover leases of dead nodes", c -> {
            Array ids = c.createArrayOf("VARCHAR", live.toArray(new String[0]));
            int count;
            try (PreparedStatement statement = c.prepareStatement("UPDATE ferry_delivery SET "
                    + SelectiveClaim.renewReadySeq(database) + "lease_owner = NULL, "
                    + "lease_expires_at = 0 WHERE lease_owner IS NOT NULL AND NOT (lease_owner = ANY(?)) "
                    + "AND lease_expires_at < " + PreparedBranches.NEVER)) {
                statement.setArray(1, ids);
                count = statement.executeUpdate();
            }
            MessageGroups.releaseNodesOtherThan(c, ids);
            try (PreparedStatement statement = c.prepareStatement(
                    "DELETE FROM ferry_node WHERE NOT (id = ANY(?))")) {
                statement.setArray(1, ids);
                statement.executeUpdate();
            }
            return count;
        });
        if (recovered > 0) {
            LOG.info("returned {} deliveries leased before the last shutdown to their queues", recovered);
        }
    }

    @Override
    public List<Node> nodes() {
        return jdbc("list nodes", NodeRegistry::nodes);
    }

    @Override
    public ConsumerAttachment attachConsumer(long queueId, boolean exclusive) {
        ConsumerAttachment attachment = jdbc("count a consumer of subscription " + queueId,
                c -> NodeRegistry.attach(c, queueId, nodeId, exclusive));
        if (attachment == ConsumerAttachment.ATTACHED) {
            consumersHere.merge(queueId, 1, Integer::sum);
        }
        return attachment;
    }

    @Override
    public boolean detachConsumer(long queueId, boolean deleteWhenUnused) {
        consumersHere.computeIfPresent(queueId, (id, count) -> count > 1 ? count - 1 : null);
        return jdbc("count a consumer less of subscription " + queueId, c -> {
            if (!NodeRegistry.lockSubscription(c, queueId)) {
                return false;
            }
            int left = NodeRegistry.detach(c, queueId, nodeId);
            return deleteWhenUnused && left == 0 && deleteSubscriptionRows(c, queueId);
        });
    }

    @Override
    public int consumerCount(long queueId) {
        return jdbc("count consumers of subscription " + queueId, c -> NodeRegistry.consumers(c, queueId));
    }

    @Override
    public boolean claimClientId(String clientId, String connectionId, Runnable onLost) {
        String operation = "claim client ID '" + clientId + "'";
        boolean claimed;
        try {
            claimed = jdbc(operation, c -> ClientIdClaims.claim(c, clientId, nodeId, connectionId,
                    System.currentTimeMillis()));
        } catch (StoreException e) {
            // two nodes inserting the same identifier at once: the primary key refused the later one
            if (jdbc(operation, c -> ClientIdClaims.holder(c, clientId)) == null) {
                throw e;
            }
            return false;
        }
        if (!claimed && jdbc(operation, c -> ClientIdClaims.holder(c, clientId)) == null) {
            throw new StoreException(operation + ": node " + nodeId + " is not registered (taken for dead after "
                    + "a pause); it registers again at its next heartbeat");
        }
        if (claimed) {
            clientIdsHere.put(clientId, new ClientIdHold(connectionId, onLost));
        }
        return claimed;
    }

    @Override
    public void releaseClientId(String clientId, String connectionId) {
        clientIdsHere.computeIfPresent(clientId, (id, hold) -> hold.connectionId().equals(connectionId) ? null : hold);
        jdbc("release client ID '" + clientId + "'", c -> {
            ClientIdClaims.release(c, clientId, nodeId, connectionId);
            return null;
        });
    }

    private Map<String, String> connectionsByClientId() {
        Map<String, String> held = new HashMap<>();
        clientIdsHere.forEach((clientId, hold) -> held.put(clientId, hold.connectionId()));
        return held;
    }

    /** Tells the connections whose client ID another node took while this node was taken for dead. */
    private void clientIdsLost(List<String> lost) {
        for (String clientId : lost) {
            ClientIdHold hold = clientIdsHere.remove(clientId);
            LOG.warn("node {} was taken for dead and client ID '{}' is now used by a connection of another node",
                    nodeId, clientId);
            if (hold != null && hold.onLost() != null) {
                try {
                    hold.onLost().run();
                } catch (RuntimeException e) {
                    LOG.warn("telling the connection that lost client ID '{}' failed", clientId, e);
                }
            }
        }
    }

    private record ClientIdHold(String connectionId, Runnable onLost) {
    }

    // ---- transactions ----------------------------------------------------------------------------------

    private interface SessionWork<T> {
        T run(StatelessSession session);
    }

    private <T> T jdbc(String operation, ReturningWork<T> work) {
        return transaction(operation, session -> session.doReturningWork(work));
    }

    /**
     * A claim's transaction. Unless claims are to be flushed, on PostgreSQL it commits without waiting for its WAL
     * to reach the disk: PostgreSQL writes WAL in order, so the next flushed commit of any session (at the latest
     * the acknowledgement of what was claimed) flushes the claim too, and a crash of this JVM loses nothing
     * committed. Only a crash of PostgreSQL before that flush forgets the lease and the delivery-count increment.
     */
    private <T> T claimTransaction(String operation, ReturningWork<T> work) {
        if (!claimsSkipWalFlush) {
            return jdbc(operation, work);
        }
        return jdbc(operation, c -> {
            T claimed = work.execute(c);
            if (!(claimed instanceof Collection<?> taken && taken.isEmpty())) {
                GroupCommit.skipWalFlush(c); // read at COMMIT; a claim that took nothing wrote nothing to flush
            }
            return claimed;
        });
    }

    private <T> T runJdbc(String operation, ReturningWork<T> work) {
        return runTransaction(operation, session -> session.doReturningWork(work));
    }

    private <T> T transaction(String operation, SessionWork<T> work) {
        if (closed) {
            throw new StoreException(operation + ": the store is closed");
        }
        return runTransaction(operation, work);
    }

    /** Runs {@code work} in one database transaction; any failure rolls it back and becomes a StoreException. */
    private <T> T runTransaction(String operation, SessionWork<T> work) {
        return serialTransactions.run(() -> runTransactionNow(operation, work));
    }

    private <T> T runTransactionNow(String operation, SessionWork<T> work) {
        StatelessSession session = null;
        Transaction transaction = null;
        try {
            session = sessions.openStatelessSession();
            transaction = session.beginTransaction();
            T result = work.run(session);
            transaction.commit();
            return result;
        } catch (StoreException | IllegalArgumentException e) {
            rollback(transaction, operation);
            throw e;
        } catch (RuntimeException e) {
            rollback(transaction, operation);
            throw new StoreException(operation + " failed: " + describe(e), e);
        } finally {
            subscriptionCache.transactionEnded(); // after the commit: a read from now on sees the change
            if (session != null) {
                try {
                    session.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing the session of {} failed", operation, e);
                }
            }
        }
    }

    private static void rollback(Transaction transaction, String operation) {
        if (transaction == null) {
            return;
        }
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            LOG.warn("rollback of {} failed", operation, e);
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof SQLException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && "23505".equals(((SQLException) t).getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    && ((org.hibernate.exception.ConstraintViolationException) t).getKind()
                    == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a destination name must not be null or blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("destination name longer than " + MAX_NAME_LENGTH + " characters: "
                    + name.substring(0, 40) + "...");
        }
    }

    // ---- closing ---------------------------------------------------------------------------------------

    /**
     * Stops the heartbeat and leaves the database as a crash would, but tidily: this node's leases are cleared
     * with their delivery counts kept (the messages may have reached the application), its temporary
     * destinations and its node row are deleted, and the pool is closed.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        heartbeat.shutdownNow();
        if (notifications != null) {
            notifications.close();
        }
        DatabaseAdministration admin = administration;
        if (admin != null) {
            admin.shutdown();
        }
        try {
            if (!heartbeat.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("heartbeat of node {} did not stop within 10 s", nodeId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            List<Long> temporaries = runJdbc("release node " + nodeId, c -> {
                counters.write(c, database, nodeId);
                try (PreparedStatement statement = c.prepareStatement(
                        "UPDATE ferry_delivery SET "
                                + SelectiveClaim.renewReadySeq(database)
                                + "lease_owner = NULL, lease_expires_at = 0 WHERE lease_owner = ?")) {
                    statement.setString(1, nodeId);
                    statement.executeUpdate();
                }
                MessageGroups.releaseNode(c, nodeId);
                NodeRegistry.forgetConsumers(c, nodeId);
                ClientIdClaims.forget(c, nodeId);
                for (long subscription : SubscriptionRows.orphaned(c, nodeId, 0)) {
                    deleteSubscriptionRows(c, subscription);
                }
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement statement = c.prepareStatement(
                        "SELECT id FROM ferry_destination WHERE temporary AND owner_node = ?")) {
                    statement.setString(1, nodeId);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                for (long id : ids) {
                    deleteDestinationRows(c, id);
                }
                try (PreparedStatement statement = c.prepareStatement("DELETE FROM ferry_node WHERE id = ?")) {
                    statement.setString(1, nodeId);
                    statement.executeUpdate();
                }
                return ids;
            });
            LOG.debug("node {} released its leases and {} temporary destinations", nodeId, temporaries.size());
        } catch (RuntimeException e) {
            LOG.warn("node {} could not release its leases; they return when they expire", nodeId, e);
        } finally {
            Set<String> live = NODES_IN_THIS_JVM.get(databaseIdentity);
            if (live != null) {
                live.remove(nodeId);
            }
            subscriptionCache.release();
            closeQuietly(sessions, source);
            LOG.info("Ferry store node {} closed", nodeId);
        }
    }

    // ---- administration (DatabaseAdministration works through these) ----------------------------------

    @Override
    public dev.ferry.store.admin.StoreAdministration administration() {
        DatabaseAdministration admin = administration;
        if (admin == null) {
            synchronized (this) {
                if (administration == null) {
                    administration = new DatabaseAdministration(this);
                }
                admin = administration;
            }
        }
        return admin;
    }

    <T> T inTransaction(String operation, ReturningWork<T> work) {
        return jdbc(operation, work);
    }

    /**
     * A transaction that only reads (the console's overview, browsing, previews): it changes no H2 map, so it need
     * not wait for {@link SerialTransactions} and an overview of a long queue does not hold up the hot path.
     */
    <T> T inReadTransaction(String operation, ReturningWork<T> work) {
        if (closed) {
            throw new StoreException(operation + ": the store is closed");
        }
        return runTransactionNow(operation, session -> session.doReturningWork(work));
    }

    /**
     * Wakes consumers of queues an operator changed, on this node and (DESIGN.md #10) on every other node, as a
     * send does. The change has committed already, so a failed notification only delays the other nodes until
     * their next poll.
     */
    void wake(Set<Long> queueIds) {
        if (notifications != null && !queueIds.isEmpty()) {
            try {
                notifyNow(queueIds);
            } catch (RuntimeException e) {
                LOG.warn("could not tell other nodes of queues {} changed by an operator: {}", queueIds, e.toString());
            }
        }
        notifyListeners(queueIds);
    }

    int deleteDeliveries(Connection c, String delete, StoreSql.Binder binder) throws SQLException {
        return removeDeliveries(c, delete, binder);
    }

    static void deleteMessagesIfUnreferenced(Connection c, List<Long> messageIds) throws SQLException {
        deleteUnreferencedMessages(c, messageIds);
    }

    StoreSql sql() {
        return sql;
    }

    SupportedDatabase database() {
        return database;
    }

    IdBlocks messageIds() {
        return messageIds;
    }

    IdBlocks deliveryIds() {
        return deliveryIds;
    }

    QueueCounters counters() {
        return counters;
    }

    RetainedRows retained() {
        return retained;
    }

    /** Forgets the cached name and queue of a destination an operator deleted. */
    void forgetDestination(long destinationId) {
        sendTargets.remove(destinationId);
    }

    boolean isClosed() {
        return closed;
    }
}
