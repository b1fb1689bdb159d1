package dev.ferry.store.admin;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.StoreException;
import dev.ferry.store.Subscription;
import dev.ferry.store.SubscriptionRequest;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.ferry.store.admin.AdminFixtures.WAIT;
import static dev.ferry.store.admin.AdminFixtures.bodies;
import static dev.ferry.store.admin.AdminFixtures.message;
import static dev.ferry.store.admin.AdminFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationAndHistoryTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void overviewCountsEveryStateAndTheEnqueueAndDequeueCounters(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            long now = System.currentTimeMillis();
            UnitOfWork work = new UnitOfWork();
            for (int i = 0; i < 6; i++) {
                work.send(queue.id(), message("ready-" + i, 4, null, now - 1000 + i, new byte[0]));
            }
            work.send(queue.id(), dev.ferry.store.testing.Messages.deliveredAt("later", now + 3_600_000));
            work.send(queue.id(), dev.ferry.store.testing.Messages.expiringAt("gone", now + 1));
            store.commit(work);
            store.claim(queue.queueId(), 2); // in flight
            AdminFixtures.deadLetter(store, store.createDestinationIfAbsent("other", DestinationKind.QUEUE), "DLQ", 3);
            sleep(20);
            store.expire();

            StoreAdministration admin = store.administration();
            QueueOverview orders = admin.overview(queue.queueId()).orElseThrow();
            QueueOverview dlq = admin.overview().stream().filter(o -> o.destinationName().equals("DLQ"))
                    .findFirst().orElseThrow();

            assertThat(orders.ready()).isEqualTo(4);
            assertThat(orders.inFlight()).isEqualTo(2);
            assertThat(orders.scheduled()).isEqualTo(1);
            assertThat(orders.expired()).isEqualTo(1);
            assertThat(orders.leaseHolders()).isEqualTo(1);
            assertThat(orders.enqueued()).isEqualTo(8);
            assertThat(orders.dequeued()).isEqualTo(2);
            assertThat(orders.oldestReadyTimestamp()).isEqualTo(now - 1000 + 2);
            assertThat(dlq.deadLettered()).isEqualTo(3);
            assertThat(dlq.ready()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void destinationsAreCreatedConfiguredPausedResumedAndDeletedWithAudit(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            StoreAdministration admin = store.administration();
            DestinationPolicy policy = new DestinationPolicy("orders.DLQ", 3, 1000L, 2.0, 60_000L, "orders.expired",
                    false);

            DestinationConfiguration created = admin.createDestination("orders", DestinationKind.QUEUE, policy,
                    Duration.ofHours(1), "alice");
            send(store, created.destination(), "m", 3);
            DestinationConfiguration paused = admin.pause(created.id(), "alice");
            List<Delivery> whilePaused = store.claim(created.destination().queueId(), 10);
            DestinationConfiguration resumed = admin.resume(created.id(), "alice");
            List<Delivery> afterResume = store.claim(created.destination().queueId(), 10);
            DestinationConfiguration configured = admin.configure(created.id(), DestinationPolicy.DEFAULTS,
                    Duration.ZERO, "bob");

            assertThat(created.destination().policy()).isEqualTo(policy);
            assertThat(created.retention()).isEqualTo(Duration.ofHours(1));
            assertThat(paused.destination().policy().paused()).isTrue();
            assertThat(whilePaused).as("a paused destination delivers nothing").isEmpty();
            assertThat(resumed.destination().policy().paused()).isFalse();
            assertThat(afterResume).hasSize(3);
            assertThat(configured.destination().policy()).isEqualTo(DestinationPolicy.DEFAULTS);
            assertThat(configured.retention()).isZero();
            assertThatThrownBy(() -> admin.createDestination("orders", DestinationKind.QUEUE, null, Duration.ZERO,
                    "alice")).isInstanceOf(StoreException.class).hasMessageContaining("exists already");
            assertThatThrownBy(() -> admin.configure(created.id(), policy, Duration.ofSeconds(-1), "bob"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> admin.pause(created.id(), " "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator");

            admin.deleteDestination(created.id(), "carol");

            assertThat(admin.destination(created.id())).isEmpty();
            assertThat(admin.audit(AuditQuery.latest(10))).extracting(AuditEntry::operation).containsExactly(
                    "delete-destination", "configure", "resume", "pause", "create-destination");
            assertThat(admin.audit(new AuditQuery("alice", null, null, null, null, null, 10))).hasSize(3);
            assertThat(admin.audit(new AuditQuery(null, "configure", "orders", null, null, null, 10)).get(0).detail())
                    .contains("before: ").contains("deadLetterQueue=orders.DLQ").contains("retention=PT0S");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void subscriptionsShowTheirBacklogAndOneCanBeDeleted(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination topic = store.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            Subscription audit = store.subscribe(new SubscriptionRequest(topic.id(), "audit", "app", null, false,
                    true, false, null));
            Subscription shop = store.subscribe(new SubscriptionRequest(topic.id(), "shop", "app", null, false,
                    true, false, null));
            send(store, topic, "price", 4);
            StoreAdministration admin = store.administration();

            List<SubscriptionOverview> subscriptions = admin.subscriptions();
            boolean deleted = admin.deleteSubscription(shop.queueId(), "alice");

            assertThat(subscriptions).extracting(s -> s.subscription().name()).containsExactly("audit", "shop");
            assertThat(subscriptions).allMatch(s -> s.backlog() == 4);
            assertThat(deleted).isTrue();
            assertThat(admin.subscriptions()).extracting(s -> s.subscription().name()).containsExactly("audit");
            assertThat(admin.deleteSubscription(shop.queueId(), "alice")).isFalse();
            AuditEntry entry = admin.audit(AuditQuery.latest(1)).get(0);
            assertThat(entry.destination()).isEqualTo("prices/app:shop");
            assertThat(entry.count()).isEqualTo(4);
            assertThat(admin.browse(BrowseRequest.firstPage(audit.queueId(), 10)).messages()).hasSize(4);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nodesListThisStoreWithItsLeases(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            send(store, queue, "m", 3);
            store.claim(queue.queueId(), 2);

            List<NodeInfo> nodes = store.administration().nodes();

            assertThat(nodes).hasSize(1);
            assertThat(nodes.get(0).id()).isEqualTo(store.nodeId());
            assertThat(nodes.get(0).pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(nodes.get(0).leases()).isEqualTo(2);
            assertThat(nodes.get(0).heartbeatAt()).isGreaterThanOrEqualTo(nodes.get(0).startedAt());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void retentionKeepsConsumedMessagesForReplayToTheSameOrAnotherQueue(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            StoreAdministration admin = store.administration();
            DestinationConfiguration orders = admin.createDestination("orders", DestinationKind.QUEUE, null,
                    Duration.ofHours(1), "alice");
            send(store, orders.destination(), "m", 5);
            List<Delivery> consumed = store.claim(orders.destination().queueId(), 5);
            UnitOfWork acks = new UnitOfWork();
            consumed.forEach(d -> acks.acknowledge(d.deliveryId()));
            store.commit(acks);

            List<RetainedMessage> kept = admin.retained(RetainedSelection.all(orders.id()), 10);
            BulkResult toSame = admin.replayRetained(new RetainedSelection(orders.id(), null, null,
                    MessageFilter.ALL.withPredicate(d -> !d.message().messageId().equals("ID:m-0"), "not m-0")),
                    ReplayOptions.TO_ORIGIN, "alice").await(WAIT);
            BulkResult toOther = admin.replayRetained(RetainedSelection.all(orders.id()),
                    ReplayOptions.TO_ORIGIN.to("orders.audit"), "alice").await(WAIT);

            assertThat(kept).hasSize(5);
            assertThat(kept.get(0).consumedAt()).isPositive();
            assertThat(kept.get(0).retainedUntil()).isGreaterThan(kept.get(0).consumedAt());
            assertThat(toSame.touched()).isEqualTo(4);
            List<Delivery> again = store.claim(orders.destination().queueId(), 10);
            assertThat(bodies(again)).containsExactlyInAnyOrder("m-1", "m-2", "m-3", "m-4");
            assertThat(admin.detail(again.get(0).deliveryId()).orElseThrow().replayCount()).isEqualTo(1);
            assertThat(toOther.touched()).isEqualTo(5);
            Destination auditQueue = store.findDestination("orders.audit", DestinationKind.QUEUE).orElseThrow();
            assertThat(admin.overview(auditQueue.queueId()).orElseThrow().ready()).isEqualTo(5);
            assertThat(admin.retained(RetainedSelection.all(orders.id()), 10)).as("the copies stay").hasSize(5);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void retainedMessagesArePrunedWhenTheirTimeIsUp(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig(Map.of("ferry.node.heartbeatInterval", "100ms"));
        try (MessageStore store = MessageStores.open(config)) {
            StoreAdministration admin = store.administration();
            DestinationConfiguration orders = admin.createDestination("orders", DestinationKind.QUEUE, null,
                    Duration.ofMillis(200), "alice");
            send(store, orders.destination(), "m", 2);
            UnitOfWork acks = new UnitOfWork();
            store.claim(orders.destination().queueId(), 2).forEach(d -> acks.acknowledge(d.deliveryId()));
            store.commit(acks);
            assertThat(admin.retained(RetainedSelection.all(orders.id()), 10)).hasSize(2);

            long deadline = System.currentTimeMillis() + 10_000;
            while (!admin.retained(RetainedSelection.all(orders.id()), 10).isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }

            assertThat(admin.retained(RetainedSelection.all(orders.id()), 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void editAndReplaySendsTheChangedMessageAndKeepsTheOriginalInTheAudit(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            Destination dlq = AdminFixtures.deadLetter(store, queue, "DLQ", 1);
            StoreAdministration admin = store.administration();
            long deadLetter = admin.browse(BrowseRequest.firstPage(dlq.queueId(), 1)).messages().get(0).deliveryId();

            long replayed = admin.editAndReplay(deadLetter, new MessageEdit("fixed".getBytes(StandardCharsets.UTF_8),
                    null, "corr-9", null, 7), ReplayOptions.TO_ORIGIN, "frank");

            assertThat(admin.detail(deadLetter)).isEmpty();
            Delivery again = store.claim(queue.queueId(), 1).get(0);
            assertThat(again.deliveryId()).isEqualTo(replayed);
            assertThat(new String(again.message().body(), StandardCharsets.UTF_8)).isEqualTo("fixed");
            assertThat(again.message().correlationId()).isEqualTo("corr-9");
            assertThat(again.message().priority()).isEqualTo(7);
            assertThat(again.deliveryCount()).isEqualTo(1);
            AuditEntry entry = admin.audit(AuditQuery.latest(1)).get(0);
            assertThat(entry.operation()).isEqualTo("edit-and-replay");
            assertThat(entry.detail()).contains("\"bodyText\":\"dead-0\"").contains("\"failureReason\":\"listener threw\"");
            assertThatThrownBy(() -> admin.editAndReplay(deadLetter, MessageEdit.NONE, ReplayOptions.TO_ORIGIN, "frank"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("no longer exists");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void exportedJsonLinesImportIntoAnotherDestinationUnchanged(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            UnitOfWork work = new UnitOfWork();
            work.send(queue.id(), message("quote \" back\\slash\nline é ✓", 6, "c-1", 12345L, new byte[] {1, 2, 3}));
            work.send(queue.id(), new dev.ferry.store.MessageRecord(null, 0, null, new byte[] {9, 8}, "Q:replies",
                    null, false, 0, 4_000_000_000_000L, 5L, "group", 3, 2, new byte[0], null));
            store.commit(work);
            StoreAdministration admin = store.administration();
            ByteArrayOutputStream file = new ByteArrayOutputStream();

            BulkResult exported = admin.exportJsonLines(Selection.all(queue.queueId()), file, "gina").await(WAIT);
            BulkResult imported = admin.importJsonLines("orders.copy", DestinationKind.QUEUE,
                    new ByteArrayInputStream(file.toByteArray()), "gina").await(WAIT);

            assertThat(exported.touched()).isEqualTo(2);
            assertThat(file.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
            assertThat(imported.touched()).isEqualTo(2);
            Destination copy = store.findDestination("orders.copy", DestinationKind.QUEUE).orElseThrow();
            List<Delivery> original = store.browse(queue.queueId(), 0, 10);
            List<Delivery> copied = store.browse(copy.queueId(), 0, 10);
            assertThat(copied).hasSize(2);
            for (int i = 0; i < 2; i++) {
                dev.ferry.store.testing.Messages.assertSameMessage(copied.get(i).message(), original.get(i).message());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBrokenImportLineStopsTheImportWithItsLineNumber(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            String lines = "{\"messageId\":\"ID:a\",\"bodyText\":\"one\",\"bodyType\":1}\n{\"messageId\": oops}\n";

            BulkResult result = store.administration().importJsonLines("orders", DestinationKind.QUEUE,
                    new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "gina").await(WAIT);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.failure()).contains("line 2");
            assertThat(store.administration().audit(AuditQuery.latest(1)).get(0).outcome()).startsWith("failed: line 2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTestMessageIsSentAndAudited(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);

            long auditId = store.administration().sendTestMessage(queue.id(), message("hello"), "hank");

            assertThat(bodies(store.claim(queue.queueId(), 5))).containsExactly("hello");
            AuditEntry entry = store.administration().audit(AuditQuery.latest(1)).get(0);
            assertThat(entry.id()).isEqualTo(auditId);
            assertThat(entry.operation()).isEqualTo("send-test-message");
            assertThat(entry.detail()).contains("messageId=ID:hello");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
