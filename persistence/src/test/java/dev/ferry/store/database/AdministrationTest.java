package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.QueueStatistics;
import dev.ferry.store.StoreException;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.StoreRows;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.ferry.store.testing.Messages.bodyText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdministrationTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createDestinationIfAbsentReturnsTheExistingDestination(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination created = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);

            Destination again = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);

            assertThat(again).isEqualTo(created);
            assertThat(created.queueId()).isPositive();
            assertThat(created.temporary()).isFalse();
            assertThat(created.policy()).isEqualTo(DestinationPolicy.DEFAULTS);
            assertThat(store.findDestination("orders", DestinationKind.QUEUE)).contains(created);
            assertThat(store.findDestination("orders", DestinationKind.TOPIC)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentCreationOfOneDestinationYieldsOneDestination(TestDatabase database) throws Exception {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Destination>> results = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    results.add(pool.submit(() -> store.createDestinationIfAbsent("shared", DestinationKind.QUEUE)));
                }
                Set<Long> ids = new java.util.HashSet<>();
                for (Future<Destination> result : results) {
                    ids.add(result.get(30, TimeUnit.SECONDS).id());
                }
                assertThat(ids).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.destinations()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void queueAndTopicOfOneNameAreDifferentDestinations(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("events", DestinationKind.QUEUE);
            Destination topic = store.createDestinationIfAbsent("events", DestinationKind.TOPIC);

            assertThat(queue.id()).isNotEqualTo(topic.id());
            assertThat(topic.queueId()).isZero();
            assertThat(store.destinations()).containsExactlyInAnyOrder(queue, topic);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void invalidDestinationNamesAreRejected(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            assertThatThrownBy(() -> store.createDestinationIfAbsent(" ", DestinationKind.QUEUE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
            assertThatThrownBy(() -> store.createDestinationIfAbsent("x".repeat(256), DestinationKind.QUEUE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updatedPolicyIsStoredFieldByField(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            DestinationPolicy policy = new DestinationPolicy("orders.DLQ", 3, 250L, 2.0, 10_000L, "orders.expired",
                    true);

            Destination updated = store.updatePolicy(queue.id(), policy);

            assertThat(updated.policy()).isEqualTo(policy);
            assertThat(store.findDestination("orders", DestinationKind.QUEUE).orElseThrow().policy())
                    .isEqualTo(policy);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void invalidPolicyIsRejectedAndNothingChanges(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);

            assertThatThrownBy(() -> store.updatePolicy(queue.id(),
                    new DestinationPolicy(null, 0, null, null, null, null, false)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDeliveryAttempts");
            assertThatThrownBy(() -> store.updatePolicy(queue.id(),
                    new DestinationPolicy(null, null, null, 0.5, null, null, false)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redeliveryBackoff");
            assertThatThrownBy(() -> store.updatePolicy(987_654L, DestinationPolicy.DEFAULTS))
                    .isInstanceOf(StoreException.class).hasMessageContaining("987654");
            assertThat(store.findDestination("orders", DestinationKind.QUEUE).orElseThrow().policy())
                    .isEqualTo(DestinationPolicy.DEFAULTS);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deletedDestinationTakesItsMessagesWithIt(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            Destination other = store.createDestinationIfAbsent("other", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("a")).send(queue.id(), Messages.text("b"))
                    .send(other.id(), Messages.text("c")));
            store.claim(queue.queueId(), 1);

            store.deleteDestination(queue.id());

            assertThat(store.findDestination("orders", DestinationKind.QUEUE)).isEmpty();
            assertThat(StoreRows.count(config, "ferry_message")).isEqualTo(1);
            assertThat(StoreRows.count(config, "ferry_delivery")).isEqualTo(1);
            assertThatThrownBy(() -> store.deleteDestination(queue.id())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("no such destination");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void purgeDeletesReadyDeliveriesButNotLeasedOnes(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            UnitOfWork work = new UnitOfWork();
            for (int i = 0; i < 5; i++) {
                work.send(queue.id(), Messages.text("m" + i));
            }
            store.commit(work);
            Delivery leased = store.claim(queue.queueId(), 1).get(0);

            assertThat(store.purge(queue.queueId())).isEqualTo(4);

            assertThat(store.statistics(queue.queueId())).isEqualTo(new QueueStatistics(0, 1, 0, 0));
            assertThat(StoreRows.count(config, "ferry_message")).isEqualTo(1);
            store.commit(new UnitOfWork().acknowledge(leased.deliveryId()));
            assertThat(StoreRows.count(config, "ferry_message")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void browsePagesThroughDeliveriesInDeliveryOrderWithoutLeasingThem(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork()
                    .send(queue.id(), Messages.withPriority("a", 4))
                    .send(queue.id(), Messages.withPriority("b", 9))
                    .send(queue.id(), Messages.withPriority("c", 4))
                    .send(queue.id(), Messages.withPriority("d", 0))
                    .send(queue.id(), Messages.deliveredAt("scheduled", System.currentTimeMillis() + 60_000)));
            store.claim(queue.queueId(), 1); // "b" is in flight: still browsed

            List<Delivery> firstPage = store.browse(queue.queueId(), 0, 2);
            List<Delivery> secondPage = store.browse(queue.queueId(), firstPage.get(1).deliveryId(), 2);
            List<Delivery> thirdPage = store.browse(queue.queueId(), secondPage.get(1).deliveryId(), 2);

            assertThat(firstPage).extracting(d -> bodyText(d.message())).containsExactly("b", "a");
            assertThat(secondPage).extracting(d -> bodyText(d.message())).containsExactly("c", "d");
            assertThat(thirdPage).isEmpty();
            assertThat(store.claim(queue.queueId(), 10)).extracting(d -> bodyText(d.message()))
                    .containsExactly("a", "c", "d");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void statisticsCountReadyInFlightAndScheduledDeliveries(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            long now = System.currentTimeMillis();
            store.commit(new UnitOfWork()
                    .send(queue.id(), Messages.text("in-flight"))
                    .send(queue.id(), Messages.text("ready-1"))
                    .send(queue.id(), Messages.text("ready-2"))
                    .send(queue.id(), Messages.deliveredAt("scheduled", now + 60_000))
                    .send(queue.id(), Messages.expiringAt("expired", now - 1)));
            store.claim(queue.queueId(), 1);

            QueueStatistics statistics = store.statistics(queue.queueId());

            assertThat(statistics.ready()).isEqualTo(2);
            assertThat(statistics.inFlight()).isEqualTo(1);
            assertThat(statistics.scheduled()).isEqualTo(1);
            assertThat(statistics.oldestReadyTimestamp()).isBetween(now - 1_000, now + 1_000);
            assertThat(store.statistics(424_242L)).isEqualTo(new QueueStatistics(0, 0, 0, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void expiredDeliveriesAreDroppedWhenNoExpiryQueueIsConfigured(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig(java.util.Map.of("ferry.expiryQueue", ""));
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork()
                    .send(queue.id(), Messages.expiringAt("stale", System.currentTimeMillis() - 1))
                    .send(queue.id(), Messages.text("fresh")));

            assertThat(store.expire()).isEqualTo(1);

            assertThat(StoreRows.count(config, "ferry_message")).isEqualTo(1);
            assertThat(store.expire()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void expiredDeliveriesMoveToTheExpiryQueueRecordingWhereTheyWere(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.updatePolicy(queue.id(), new DestinationPolicy(null, null, null, null, null, "Expired", false));
            store.commit(new UnitOfWork()
                    .send(queue.id(), Messages.expiringAt("stale", System.currentTimeMillis() - 1)));

            assertThat(store.expire()).isEqualTo(1);

            Destination expiryQueue = store.findDestination("Expired", DestinationKind.QUEUE).orElseThrow();
            Delivery expired = store.claim(expiryQueue.queueId(), 1).get(0);
            assertThat(bodyText(expired.message())).isEqualTo("stale");
            assertThat(expired.originalDestination()).isEqualTo("orders");
            assertThat(store.expire()).as("not expired again in the expiry queue").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void temporaryDestinationDiesWithItsNode(TestDatabase database) {
        FerryConfig config = database.newConfig();
        try (MessageStore survivor = MessageStores.open(config)) {
            MessageStore owner = MessageStores.open(config);
            Destination temporary = owner.createTemporaryDestination("temp-1", DestinationKind.QUEUE, "connection-1");
            owner.commit(new UnitOfWork().send(temporary.id(), Messages.text("reply")));
            assertThat(temporary.temporary()).isTrue();
            assertThat(temporary.owner()).isEqualTo("connection-1");
            assertThat(survivor.findDestination("temp-1", DestinationKind.QUEUE)).isPresent();

            owner.close();

            assertThat(survivor.findDestination("temp-1", DestinationKind.QUEUE)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void temporaryDestinationOfANodeThatStoppedHeartbeatingIsDeleted(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig(java.util.Map.of("ferry.lease.timeout", "300ms",
                "ferry.node.heartbeatInterval", "50ms"));
        try (MessageStore store = MessageStores.open(config)) {
            Destination temporary = store.createTemporaryDestination("temp-1", DestinationKind.TOPIC, "c-1");
            // as if the owner's node had died: its row is gone
            StoreRows.update(config, "UPDATE ferry_destination SET owner_node = 'dead-node' WHERE id = ?",
                    temporary.id());

            long deadline = System.currentTimeMillis() + 5_000;
            while (store.findDestination("temp-1", DestinationKind.TOPIC).isPresent()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(25);
            }
            assertThat(store.findDestination("temp-1", DestinationKind.TOPIC)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void closedStoreRefusesWork(TestDatabase database) {
        MessageStore store = MessageStores.open(database.newConfig());
        store.close();
        store.close(); // idempotent

        assertThatThrownBy(() -> store.createDestinationIfAbsent("orders", DestinationKind.QUEUE))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void destinationsAreListedByName(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            store.createDestinationIfAbsent("b", DestinationKind.QUEUE);
            store.createDestinationIfAbsent("a", DestinationKind.TOPIC);
            store.createDestinationIfAbsent("c", DestinationKind.QUEUE);

            assertThat(store.destinations().stream().map(Destination::name).collect(Collectors.toList()))
                    .containsExactly("a", "b", "c");
        }
    }
}
