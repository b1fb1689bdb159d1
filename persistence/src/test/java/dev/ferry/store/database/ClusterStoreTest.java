package dev.ferry.store.database;

import dev.ferry.store.ConsumerAttachment;
import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.Node;
import dev.ferry.store.Subscription;
import dev.ferry.store.SubscriptionRequest;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.admin.Selection;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.StoreRows;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Several nodes (stores) on one database: what they see of each other, and what happens when one dies. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterStoreTest {

    /** Long enough that a busy build machine does not reap a silent node in the middle of a test's set-up. */
    private static final long LEASE_MILLIS = 3_000;

    /** A node that never heartbeats within a test: to the others it looks like a node that was killed. */
    private static FerryConfig silentNode(FerryConfig config) {
        return silentNode(config, LEASE_MILLIS);
    }

    private static FerryConfig silentNode(FerryConfig config, long leaseMillis) {
        return config.with(Map.of(FerryProperties.LEASE_TIMEOUT.key(), leaseMillis + "ms",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "1h"));
    }

    private static FerryConfig watchfulNode(FerryConfig config) {
        return config.with(Map.of(FerryProperties.LEASE_TIMEOUT.key(), LEASE_MILLIS + "ms",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "100ms"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nodesListsEveryNodeOpenOnTheDatabaseAndForgetsOneThatClosed(TestDatabase database) {
        FerryConfig config = database.newConfig();
        try (MessageStore first = MessageStores.open(config)) {
            List<String> ids;
            try (MessageStore second = MessageStores.open(config)) {
                List<Node> nodes = first.nodes();
                ids = nodes.stream().map(Node::id).toList();
                assertThat(ids).containsExactlyInAnyOrder(first.nodeId(), second.nodeId());
                Node self = nodes.stream().filter(n -> n.id().equals(first.nodeId())).findFirst().orElseThrow();
                assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(self.host()).isNotBlank();
                assertThat(self.aliveAt(System.currentTimeMillis(), LEASE_MILLIS)).isTrue();
            }
            assertThat(first.nodes()).extracting(Node::id).containsExactly(first.nodeId());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDeadNodeIsReapedWithItsTemporaryDestinationsNonDurableSubscriptionsAndClaimsOnSubscriptions(
            TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        // long enough a lease that the survivor opens before the dead node's claims lapse, on a busy machine too
        long lease = 4_000;
        try (MessageStore dead = MessageStores.open(silentNode(config, lease))) {
            Destination topic = dead.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            Destination temporary = dead.createTemporaryDestination("reply-1", DestinationKind.QUEUE, "c1");
            Subscription nonDurable = dead.subscribe(new SubscriptionRequest(topic.id(), null, null, null, false,
                    false, false, dead.nodeId() + "/c1"));
            Subscription shared = dead.subscribe(new SubscriptionRequest(topic.id(), "ticker", null, null, false,
                    false, true, dead.nodeId() + "/c1"));
            Subscription durable = dead.subscribe(new SubscriptionRequest(topic.id(), "audit", "app", null, false,
                    true, false, dead.nodeId() + "/c1"));
            assertThat(dead.attachConsumer(nonDurable.queueId(), false)).isEqualTo(ConsumerAttachment.ATTACHED);
            assertThat(dead.attachConsumer(shared.queueId(), false)).isEqualTo(ConsumerAttachment.ATTACHED);
            assertThat(dead.attachConsumer(durable.queueId(), true)).isEqualTo(ConsumerAttachment.ATTACHED);
            dead.commit(new UnitOfWork().send(topic.id(), Messages.text("tick")));
            Delivery held = dead.claim(durable.queueId(), 1).get(0);

            try (MessageStore survivor = MessageStores.open(silentNode(config, lease).with(
                    Map.of(FerryProperties.HEARTBEAT_INTERVAL.key(), "100ms")))) {
                // its last sign of life: now, whatever opening the survivor cost on a busy machine
                StoreRows.update(config, "UPDATE ferry_node SET heartbeat_at = ? WHERE id = ?",
                        System.currentTimeMillis(), dead.nodeId());
                assertThat(survivor.attachConsumer(durable.queueId(), true))
                        .as("the dead node's consumer still counts until it is found dead")
                        .isEqualTo(ConsumerAttachment.BUSY);
                awaitTrue(() -> survivor.nodes().size() == 1, 15_000, "the dead node is reaped");

                assertThat(survivor.nodes()).extracting(Node::id).containsExactly(survivor.nodeId());
                assertThat(survivor.findDestination("reply-1", DestinationKind.QUEUE)).isEmpty();
                assertThat(survivor.subscriptions(topic.id())).extracting(Subscription::queueId)
                        .containsExactly(durable.queueId());
                assertThat(survivor.consumerCount(durable.queueId())).isZero();
                assertThat(survivor.attachConsumer(durable.queueId(), true))
                        .as("the durable subscription is resumed on the surviving node")
                        .isEqualTo(ConsumerAttachment.ATTACHED);
                Delivery again = claimWithin(survivor, durable.queueId(), 5_000);
                assertThat(again.deliveryId()).isEqualTo(held.deliveryId());
                assertThat(again.deliveryCount()).isEqualTo(2);
                assertThat(again.redelivered()).isTrue();
                assertThat(temporary.id()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSharedNonDurableSubscriptionLivesWhileAnyNodeHasAConsumerOnIt(TestDatabase database) {
        FerryConfig config = database.newConfig();
        try (MessageStore a = MessageStores.open(config); MessageStore b = MessageStores.open(config)) {
            Destination topic = a.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            Subscription onA = a.subscribe(new SubscriptionRequest(topic.id(), "ticker", null, null, false, false,
                    true, a.nodeId() + "/1"));
            Subscription onB = b.subscribe(new SubscriptionRequest(topic.id(), "ticker", null, null, false, false,
                    true, b.nodeId() + "/1"));
            assertThat(onB.queueId()).isEqualTo(onA.queueId());
            a.attachConsumer(onA.queueId(), false);
            b.attachConsumer(onB.queueId(), false);
            b.attachConsumer(onB.queueId(), false);
            assertThat(a.consumerCount(onA.queueId())).isEqualTo(3);

            assertThat(a.detachConsumer(onA.queueId(), true)).as("B still consumes").isFalse();
            assertThat(b.detachConsumer(onB.queueId(), true)).as("B has one more").isFalse();
            assertThat(a.subscriptions(topic.id())).hasSize(1);
            assertThat(b.detachConsumer(onB.queueId(), true)).as("the last consumer on any node").isTrue();
            assertThat(a.subscriptions(topic.id())).isEmpty();
            assertThat(a.attachConsumer(onA.queueId(), false)).isEqualTo(ConsumerAttachment.GONE);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSharedNonDurableSubscriptionCreatedByANodeThatDiedStaysWhileAnotherNodeConsumesIt(
            TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore survivor = MessageStores.open(watchfulNode(config))) {
            Destination topic = survivor.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            Subscription shared;
            try (MessageStore creator = MessageStores.open(silentNode(config))) {
                shared = creator.subscribe(new SubscriptionRequest(topic.id(), "ticker", null, null, false, false,
                        true, creator.nodeId() + "/1"));
                creator.attachConsumer(shared.queueId(), false);
                survivor.attachConsumer(shared.queueId(), false);
                // the creator stops heartbeating and is reaped: as if killed
                StoreRows.update(config, "UPDATE ferry_node SET heartbeat_at = 0 WHERE id = ?", creator.nodeId());
                awaitTrue(() -> survivor.nodes().size() == 1, 10_000, "the creator is reaped");
                assertThat(survivor.subscriptions(topic.id())).extracting(Subscription::queueId)
                        .containsExactly(shared.queueId());
                assertThat(survivor.consumerCount(shared.queueId())).isEqualTo(1);
            }
            assertThat(survivor.detachConsumer(shared.queueId(), true)).isTrue();
            assertThat(survivor.subscriptions(topic.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSharedSubscriptionWhoseConsumersAllDiedIsReapedByAnotherNode(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore survivor = MessageStores.open(watchfulNode(config));
             MessageStore dead = MessageStores.open(silentNode(config))) {
            Destination topic = survivor.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            // created by the survivor, consumed only by the node that dies
            Subscription shared = survivor.subscribe(new SubscriptionRequest(topic.id(), "ticker", null, null,
                    false, false, true, survivor.nodeId() + "/1"));
            dead.attachConsumer(shared.queueId(), false);
            awaitTrue(() -> survivor.nodes().size() == 1, 10_000, "the consumer's node is reaped");
            awaitTrue(() -> survivor.subscriptions(topic.id()).isEmpty(), 10_000,
                    "the subscription no live node consumes is deleted");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNodeTakenForDeadThatComesBackCountsItsConsumersAgain(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore reaper = MessageStores.open(watchfulNode(config));
             MessageStore paused = MessageStores.open(config.with(Map.of(
                     FerryProperties.LEASE_TIMEOUT.key(), LEASE_MILLIS + "ms",
                     FerryProperties.HEARTBEAT_INTERVAL.key(), "1s")))) {
            Destination topic = paused.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            Subscription durable = paused.subscribe(new SubscriptionRequest(topic.id(), "audit", "app", null, false,
                    true, false, paused.nodeId() + "/1"));
            assertThat(paused.attachConsumer(durable.queueId(), true)).isEqualTo(ConsumerAttachment.ATTACHED);

            // a pause longer than the lease, as the others see it
            StoreRows.update(config, "UPDATE ferry_node SET heartbeat_at = 0 WHERE id = ?", paused.nodeId());
            awaitTrue(() -> reaper.nodes().stream().noneMatch(n -> n.id().equals(paused.nodeId())), 10_000,
                    "the paused node is taken for dead");
            awaitTrue(() -> reaper.nodes().stream().anyMatch(n -> n.id().equals(paused.nodeId())), 10_000,
                    "the paused node registers again at its next heartbeat");

            assertThat(reaper.consumerCount(durable.queueId())).as("its consumer counted again").isEqualTo(1);
            assertThat(reaper.attachConsumer(durable.queueId(), true)).isEqualTo(ConsumerAttachment.BUSY);
        }
    }

    // ---- client identifiers across nodes (JMS 3.1 §6.1.2) ------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aClientIdClaimedOnOneNodeIsRefusedOnAnotherUntilItsConnectionReleasesIt(TestDatabase database)
            throws SQLException {
        FerryConfig config = database.newConfig();
        try (MessageStore a = MessageStores.open(config); MessageStore b = MessageStores.open(config)) {
            assertThat(a.claimClientId("billing", "1", null)).isTrue();
            assertThat(b.claimClientId("billing", "1", null)).as("held by a connection of node A").isFalse();
            assertThat(a.claimClientId("billing", "2", null)).as("held by another connection of the same node")
                    .isFalse();
            assertThat(b.claimClientId("shipping", "1", null)).as("another identifier is free").isTrue();

            b.releaseClientId("billing", "1"); // not B's claim: nothing happens
            assertThat(a.claimClientId("billing", "3", null)).isFalse();

            a.releaseClientId("billing", "1");
            assertThat(b.claimClientId("billing", "2", null)).as("free once its connection closed").isTrue();
            assertThat(rows(config, "SELECT count(*) FROM ferry_client_id WHERE client_id = ? "
                    + "AND node_id = ? AND connection_id = ?", "billing", b.nodeId(), "2")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theClientIdsOfANodeAreReleasedWhenItCloses(TestDatabase database) {
        FerryConfig config = database.newConfig();
        try (MessageStore survivor = MessageStores.open(config)) {
            try (MessageStore closing = MessageStores.open(config)) {
                assertThat(closing.claimClientId("billing", "1", null)).isTrue();
                assertThat(closing.claimClientId("shipping", "2", null)).isTrue();
                assertThat(survivor.claimClientId("billing", "1", null)).isFalse();
            }
            assertThat(survivor.claimClientId("billing", "1", null)).isTrue();
            assertThat(survivor.claimClientId("shipping", "2", null)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theClientIdsOfADeadNodeAreReleasedWhenItIsReaped(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore dead = MessageStores.open(silentNode(config));
             MessageStore survivor = MessageStores.open(silentNode(config).with(
                     Map.of(FerryProperties.HEARTBEAT_INTERVAL.key(), "100ms")))) {
            StoreRows.update(config, "UPDATE ferry_node SET heartbeat_at = ? WHERE id = ?",
                    System.currentTimeMillis(), dead.nodeId());
            assertThat(dead.claimClientId("billing", "1", null)).isTrue();
            assertThat(survivor.claimClientId("billing", "1", null))
                    .as("the dead node's connection holds it until the node is found dead").isFalse();
            awaitTrue(() -> survivor.nodes().size() == 1, 15_000, "the dead node is reaped");
            assertThat(rows(config, "SELECT count(*) FROM ferry_client_id WHERE node_id = ?",
                    dead.nodeId())).as("released by the sweep").isZero();
            assertThat(survivor.claimClientId("billing", "1", null)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNodeTakenForDeadThatComesBackKeepsOnlyTheClientIdsNoOtherNodeTookMeanwhile(TestDatabase database)
            throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore reaper = MessageStores.open(watchfulNode(config));
             MessageStore paused = MessageStores.open(config.with(Map.of(
                     FerryProperties.LEASE_TIMEOUT.key(), "6s",
                     FerryProperties.HEARTBEAT_INTERVAL.key(), "2s")))) {
            List<String> lost = new CopyOnWriteArrayList<>();
            assertThat(paused.claimClientId("billing", "1", () -> lost.add("billing"))).isTrue();
            assertThat(paused.claimClientId("shipping", "2", () -> lost.add("shipping"))).isTrue();

            // taken for dead after a pause: its row is gone (as the reaper's sweep leaves it), and before its next
            // heartbeat a connection of another node takes one of its IDs (a claim of a node no longer registered
            // is stale and taken over)
            StoreRows.update(config, "DELETE FROM ferry_node WHERE id = ?", paused.nodeId());
            assertThat(reaper.claimClientId("billing", "7", null)).as("free once its node is gone").isTrue();
            awaitTrue(() -> reaper.nodes().stream().anyMatch(n -> n.id().equals(paused.nodeId())), 10_000,
                    "the paused node registers again at its next heartbeat");
            awaitTrue(() -> lost.contains("billing"), 5_000, "the connection that lost its ID is told");

            assertThat(lost).containsExactly("billing");
            assertThat(rows(config, "SELECT count(*) FROM ferry_client_id WHERE client_id = ? "
                    + "AND node_id = ?", "billing", reaper.nodeId())).as("the new holder keeps it").isEqualTo(1);
            assertThat(rows(config, "SELECT count(*) FROM ferry_client_id WHERE client_id = ? "
                    + "AND node_id = ?", "shipping", paused.nodeId())).as("claimed again by its node").isEqualTo(1);
            assertThat(reaper.claimClientId("shipping", "8", null)).isFalse();
            paused.releaseClientId("billing", "1");
            assertThat(reaper.claimClientId("billing", "9", null))
                    .as("the old holder's release did not free the new holder's claim").isFalse();
        }
    }

    // ---- wake-ups across nodes (PostgreSQL LISTEN/NOTIFY) ------------------------------------------------

    @Test
    void aSendCommittedOnOneNodeWakesTheListenersOfAnother() throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig();
        try (MessageStore receiver = MessageStores.open(config); MessageStore sender = MessageStores.open(config)) {
            Destination queue = sender.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            List<Set<Long>> heard = new CopyOnWriteArrayList<>();
            receiver.addWakeUpListener(heard::add);
            awaitTrue(receiver::hearsOtherNodes, 10_000, "the receiver listens");
            Thread.sleep(500); // past the wake-ups of every queue that follow connecting
            heard.clear();

            sender.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));

            awaitTrue(() -> heard.stream().anyMatch(q -> q.contains(queue.queueId())), 5_000,
                    "the receiver hears of the queue");
        }
    }

    @Test
    void anOperatorsMoveOnOneNodeWakesTheListenersOfTheTargetQueueOnAnother() throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig();
        try (MessageStore receiver = MessageStores.open(config); MessageStore operator = MessageStores.open(config)) {
            Destination source = operator.createDestinationIfAbsent("parked", DestinationKind.QUEUE);
            Destination target = operator.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            operator.commit(new UnitOfWork().send(source.id(), Messages.text("one")));
            List<Set<Long>> heard = new CopyOnWriteArrayList<>();
            receiver.addWakeUpListener(heard::add);
            awaitTrue(receiver::hearsOtherNodes, 10_000, "the receiver listens");
            Thread.sleep(500); // past the wake-ups of every queue that follow connecting
            heard.clear();

            operator.administration().move(Selection.all(source.queueId()), "orders", "alice")
                    .await(Duration.ofSeconds(30));

            awaitTrue(() -> heard.stream().anyMatch(q -> q.contains(target.queueId())), 5_000,
                    "the receiver hears of the queue the operator moved messages to");
        }
    }

    @Test
    void aNotificationIsHeardOnlyWhenItsTransactionCommits() throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig();
        try (MessageStore receiver = MessageStores.open(config);
             Connection c = TestDatabase.connect(config)) {
            List<Set<Long>> heard = new CopyOnWriteArrayList<>();
            receiver.addWakeUpListener(heard::add);
            awaitTrue(receiver::hearsOtherNodes, 10_000, "the receiver listens");
            PgNotifications sending = new PgNotifications("other-node-0000", () -> {
                throw new java.sql.SQLException("not listening");
            }, q -> { }, q -> { }, Set::of, 10);
            c.setAutoCommit(false);
            sending.send(c, Set.of(101L));
            c.rollback();
            sending.send(c, Set.of(202L));
            c.commit();

            awaitTrue(() -> heard.stream().anyMatch(q -> q.contains(202L)), 5_000, "the committed one is heard");
            Thread.sleep(300); // the rolled-back one would have arrived before
            assertThat(heard).noneMatch(q -> q.contains(101L));
            assertThat(heard).noneMatch(q -> q.contains(101L));
        }
    }

    @Test
    void aNodeAloneSendsNoNotificationsAndStartsWhenAnotherNodeAnnouncesItself() throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig();
        try (MessageStore first = MessageStores.open(config)) {
            Destination queue = first.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            awaitTrue(first::hearsOtherNodes, 10_000, "the first node listens");
            long before = ((DatabaseMessageStore) first).notificationCounts()[0];
            first.commit(new UnitOfWork().send(queue.id(), Messages.text("alone")));
            assertThat(((DatabaseMessageStore) first).notificationCounts()[0]).as("notifications when alone")
                    .isEqualTo(before);

            try (MessageStore second = MessageStores.open(config)) {
                Set<Long> heard = ConcurrentHashMap.newKeySet();
                second.addWakeUpListener(heard::addAll);
                awaitTrue(second::hearsOtherNodes, 10_000, "the second node listens");
                Thread.sleep(500); // the first hears the second announce itself; the reconnection wake-ups pass
                heard.clear();
                first.commit(new UnitOfWork().send(queue.id(), Messages.text("together")));
                awaitTrue(() -> heard.contains(queue.queueId()), 5_000, "the second node hears the first");
                assertThat(((DatabaseMessageStore) first).notificationCounts()[0]).isGreaterThan(before);
            }
        }
    }

    @Test
    void aBurstOfCommitsSendsFewNotificationsAndTheLastCommitIsStillHeard() throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig();
        try (MessageStore sender = MessageStores.open(config); MessageStore receiver = MessageStores.open(config)) {
            Destination queue = sender.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            AtomicLong lastHeard = new AtomicLong();
            receiver.addWakeUpListener(q -> {
                if (q.contains(queue.queueId())) {
                    lastHeard.set(System.nanoTime());
                }
            });
            awaitTrue(receiver::hearsOtherNodes, 10_000, "the receiver listens");
            Thread.sleep(500); // the sender hears the receiver announce itself; the reconnection wake-ups pass
            long before = ((DatabaseMessageStore) sender).notificationCounts()[0];
            int commits = 800;
            long started = System.nanoTime();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < commits / 4; i++) {
                            sender.commit(new UnitOfWork().send(queue.id(), Messages.text("m")));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                threads.shutdown();
            }
            long lastCommitted = System.nanoTime();
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(lastCommitted - started);
            long sent = ((DatabaseMessageStore) sender).notificationCounts()[0] - before;

            awaitTrue(() -> lastHeard.get() > lastCommitted, 5_000,
                    "a notification sent after the last commit reaches the other node");
            System.out.printf("%d commits on one queue in %d ms sent %d notifications%n", commits, elapsedMillis,
                    sent);
            // one in a transaction and one trailing per 10 ms window at most (a few more for scheduling jitter)
            assertThat(sent).as("notifications for %d commits in %d ms", commits, elapsedMillis)
                    .isPositive().isLessThan(commits).isLessThanOrEqualTo(2 * (elapsedMillis / 10 + 1) + 4);
        }
    }

    @Test
    void theNotificationConnectionComesBackAfterTheDatabaseDropsIt() throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig();
        try (MessageStore sender = MessageStores.open(config); MessageStore receiver = MessageStores.open(config);
             Connection admin = TestDatabase.connect(config)) {
            Destination queue = sender.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            Set<Long> heard = ConcurrentHashMap.newKeySet();
            receiver.addWakeUpListener(heard::addAll);
            awaitTrue(receiver::hearsOtherNodes, 10_000, "the receiver listens");
            awaitTrue(() -> listeningBackends(admin).size() == 2, 10_000, "both nodes listen");
            Set<Integer> before = listeningBackends(admin);

            try (Statement statement = admin.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name = 'ferry-notifications' AND datname = current_database()");
            }
            awaitTrue(() -> {
                Set<Integer> now = listeningBackends(admin);
                return now.size() == 2 && Collections.disjoint(now, before);
            }, 15_000, "both nodes open new notification connections");
            awaitTrue(receiver::hearsOtherNodes, 10_000, "the receiver listens again");
            Thread.sleep(600); // past the wake-ups of every queue that follow a reconnection
            Destination later = sender.createDestinationIfAbsent("later", DestinationKind.QUEUE);
            heard.clear();
            sender.commit(new UnitOfWork().send(later.id(), Messages.text("after")));
            awaitTrue(() -> heard.contains(later.queueId()), 5_000, "a send after reconnecting is heard");
            assertThat(queue.queueId()).isNotEqualTo(later.queueId());
        }
    }

    // ---- competing consumers on several nodes ------------------------------------------------------------

    @Test
    void threeNodesClaimingOneQueueConcurrentlyNeverHoldTheSameDelivery() throws Exception {
        FerryConfig config = TestDatabase.POSTGRES.newConfig();
        int messages = 3_000;
        try (MessageStore a = MessageStores.open(config); MessageStore b = MessageStores.open(config);
             MessageStore c = MessageStores.open(config)) {
            Destination queue = a.createDestinationIfAbsent("work", DestinationKind.QUEUE);
            UnitOfWork sends = new UnitOfWork();
            for (int i = 0; i < messages; i++) {
                sends.send(queue.id(), Messages.text("m" + i));
            }
            a.commit(sends);
            Map<Long, String> holder = new ConcurrentHashMap<>();
            List<String> doubles = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(6);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (MessageStore node : List.of(a, b, c)) {
                    for (int t = 0; t < 2; t++) {
                        results.add(threads.submit(() -> {
                            int taken = 0;
                            while (true) {
                                List<Delivery> batch = node.claim(queue.queueId(), 7);
                                if (batch.isEmpty()) {
                                    return taken;
                                }
                                UnitOfWork acks = new UnitOfWork();
                                for (Delivery d : batch) {
                                    String previous = holder.putIfAbsent(d.deliveryId(), node.nodeId());
                                    if (previous != null) {
                                        doubles.add(d.deliveryId() + " held by " + previous + " and "
                                                + node.nodeId());
                                    }
                                    acks.acknowledge(d.deliveryId());
                                }
                                node.commit(acks);
                                taken += batch.size();
                            }
                        }));
                    }
                }
                int total = 0;
                Set<Integer> perThread = new HashSet<>();
                for (Future<Integer> r : results) {
                    int n = r.get();
                    total += n;
                    perThread.add(n);
                }
                assertThat(doubles).isEmpty();
                assertThat(total).isEqualTo(messages);
                assertThat(holder).hasSize(messages);
                assertThat(new HashSet<>(holder.values())).as("every node took part").hasSize(3);
            } finally {
                threads.shutdown();
            }
            assertThat(a.claim(queue.queueId(), 10)).as("acknowledged deliveries are gone on every node").isEmpty();
            assertThat(StoreRows.count(config, "ferry_delivery")).isZero();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static Set<Integer> listeningBackends(Connection admin) {
        Set<Integer> pids = new HashSet<>();
        try (Statement statement = admin.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT pid FROM pg_stat_activity "
                     + "WHERE application_name = 'ferry-notifications' AND datname = current_database()")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    private static long rows(FerryConfig config, String sql, Object... parameters) throws SQLException {
        try (Connection c = TestDatabase.connect(config);
             java.sql.PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMillis, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeoutMillis + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Delivery claimWithin(MessageStore store, long queueId, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            List<Delivery> claimed = store.claim(queueId, 1);
            if (!claimed.isEmpty()) {
                return claimed.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing to claim within " + timeoutMillis + " ms");
            }
            Thread.sleep(20);
        }
    }
}
