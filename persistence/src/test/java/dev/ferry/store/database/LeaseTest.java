package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.StoreRows;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseTest {

    /** Long enough that a busy build machine does not expire a lease between two adjacent calls. */
    private static final long LEASE_MILLIS = 1_000;

    /** A node that never heartbeats within a test: its leases are not extended and its row goes stale. */
    private static FerryConfig silentNode(FerryConfig config) {
        return config.with(Map.of(FerryProperties.LEASE_TIMEOUT.key(), LEASE_MILLIS + "ms",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "1h"));
    }

    private static FerryConfig watchfulNode(FerryConfig config) {
        return config.with(Map.of(FerryProperties.LEASE_TIMEOUT.key(), LEASE_MILLIS + "ms",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "100ms"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deliveryOfANodeThatStoppedHeartbeatingIsRedeliveredByAnotherNode(TestDatabase database)
            throws InterruptedException {
        FerryConfig config = database.newConfig();
        try (MessageStore silent = MessageStores.open(silentNode(config));
             MessageStore other = MessageStores.open(watchfulNode(config))) {
            Destination queue = silent.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            silent.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            Delivery first = silent.claim(queue.queueId(), 1).get(0);

            assertThat(other.nodeId()).isNotEqualTo(silent.nodeId());
            assertThat(other.claim(queue.queueId(), 1)).as("lease still valid").isEmpty();
            Delivery again = claimWithin(other, queue.queueId(), 5_000);
            assertThat(again.deliveryId()).isEqualTo(first.deliveryId());
            assertThat(again.deliveryCount()).isEqualTo(2);
            assertThat(again.redelivered()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void recoverExpiredLeasesReturnsOnlyExpiredLeases(TestDatabase database) throws InterruptedException {
        try (MessageStore store = MessageStores.open(silentNode(database.newConfig()))) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            store.claim(queue.queueId(), 1);

            assertThat(store.recoverExpiredLeases()).isZero();
            Thread.sleep(LEASE_MILLIS + 100);
            assertThat(store.recoverExpiredLeases()).isEqualTo(1);

            assertThat(store.claim(queue.queueId(), 1).get(0).deliveryCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void heartbeatKeepsTheLeasesOfALiveNode(TestDatabase database) throws InterruptedException {
        FerryConfig config = watchfulNode(database.newConfig());
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            store.claim(queue.queueId(), 1);

            Thread.sleep(2 * LEASE_MILLIS + 500); // past two lease timeouts

            assertThat(store.recoverExpiredLeases()).isZero();
            assertThat(store.statistics(queue.queueId()).inFlight()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void closingKeepsTheDeliveryCountsOfLeasedDeliveries(TestDatabase database) {
        FerryConfig config = database.newConfig();
        long queueId;
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            queueId = queue.queueId();
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            assertThat(store.claim(queueId, 1).get(0).deliveryCount()).isEqualTo(1);
        }
        try (MessageStore reopened = MessageStores.open(config)) {
            Delivery again = reopened.claim(queueId, 1).get(0);
            assertThat(again.deliveryCount()).isEqualTo(2);
            assertThat(again.redelivered()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void leaseOfAnUnknownNodeIsRecoveredAtOpenOnlyInAnExclusiveEmbeddedDatabase(TestDatabase database)
            throws Exception {
        FerryConfig config = database.newConfig();
        long queueId;
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            queueId = queue.queueId();
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            store.claim(queueId, 1);
            // as if another JVM had claimed it and then died
            StoreRows.update(config, "UPDATE ferry_delivery SET lease_owner = 'another-jvm', lease_expires_at = ?",
                    System.currentTimeMillis() + 3_600_000L);
        }
        try (MessageStore reopened = MessageStores.open(config)) {
            List<Delivery> claimed = reopened.claim(queueId, 1);
            if (database == TestDatabase.H2) {
                assertThat(claimed).hasSize(1);
                assertThat(claimed.get(0).deliveryCount()).isEqualTo(2);
            } else {
                assertThat(claimed).as("another JVM may still be working on it").isEmpty();
            }
        }
    }

    private static Delivery claimWithin(MessageStore store, long queueId, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            List<Delivery> claimed = store.claim(queueId, 1);
            if (!claimed.isEmpty()) {
                return claimed.get(0);
            }
            Thread.sleep(25);
        }
        throw new AssertionError("nothing became claimable within " + millis + " ms");
    }
}
