package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.StoreException;
import dev.ferry.store.TransactionBranch;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.StoreRows;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prepared XA branches in the store: invisible until commit, held against lease recovery, completed by any node. */
class PreparedBranchTest {

    private static final AtomicInteger BRANCHES = new AtomicInteger();
    private static final long LEASE_MILLIS = 1_000;

    private static TransactionBranch newBranch() {
        return new TransactionBranch(7, ("global-" + BRANCHES.incrementAndGet()).getBytes(StandardCharsets.UTF_8),
                new byte[] {1, 2});
    }

    /** A node whose leases expire quickly and are not renewed within a test. */
    private static FerryConfig silentNode(FerryConfig config) {
        return config.with(Map.of(FerryProperties.LEASE_TIMEOUT.key(), LEASE_MILLIS + "ms",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "1h"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preparedSendIsClaimableOnlyAfterCommit(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            TransactionBranch branch = newBranch();

            assertThat(store.prepare(branch, new UnitOfWork().send(queue.id(), Messages.text("one")), 1L)).isTrue();
            assertThat(store.claim(queue.queueId(), 10)).isEmpty();
            assertThat(store.browse(queue.queueId(), 0, 10)).isEmpty();
            assertThat(store.preparedBranches()).containsExactly(branch);

            assertThat(store.commitPrepared(branch)).isTrue();
            List<Delivery> claimed = store.claim(queue.queueId(), 10);
            assertThat(claimed).hasSize(1);
            assertThat(claimed.get(0).deliveryCount()).isEqualTo(1);
            assertThat(store.preparedBranches()).doesNotContain(branch);
            assertThat(store.commitPrepared(branch)).as("already committed").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void committedBranchDeletesWhatItConsumed(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("consumed")));
            Delivery delivery = store.claim(queue.queueId(), 1).get(0);
            TransactionBranch branch = newBranch();

            store.prepare(branch, new UnitOfWork().acknowledge(delivery.deliveryId()), 1L);
            assertThat(store.commitPrepared(branch)).isTrue();

            assertThat(StoreRows.count(config, "ferry_delivery")).isZero();
            assertThat(StoreRows.count(config, "ferry_message")).isZero();
            assertThat(StoreRows.count(config, "ferry_xa_branch")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rolledBackBranchDropsSendsAndReturnsConsumedDeliveriesAsRedelivered(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination in = store.createDestinationIfAbsent("in", DestinationKind.QUEUE);
            Destination out = store.createDestinationIfAbsent("out", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(in.id(), Messages.text("request")));
            Delivery request = store.claim(in.queueId(), 1).get(0);
            TransactionBranch branch = newBranch();
            store.prepare(branch, new UnitOfWork().acknowledge(request.deliveryId())
                    .send(out.id(), Messages.text("reply")), 1L);

            assertThat(store.rollbackPrepared(branch)).isTrue();

            assertThat(store.claim(out.queueId(), 10)).isEmpty();
            assertThat(StoreRows.count(config, "ferry_message")).as("the reply's message row is gone").isEqualTo(1);
            Delivery again = store.claim(in.queueId(), 1).get(0);
            assertThat(again.deliveryId()).isEqualTo(request.deliveryId());
            assertThat(again.redelivered()).isTrue();
            assertThat(again.deliveryCount()).isEqualTo(2);
            assertThat(store.rollbackPrepared(branch)).as("already rolled back").isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void leaseRecoveryLeavesDeliveriesHeldByAPreparedBranch(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore preparing = MessageStores.open(silentNode(config))) {
            Destination queue = preparing.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            preparing.commit(new UnitOfWork().send(queue.id(), Messages.text("held")));
            Delivery delivery = preparing.claim(queue.queueId(), 1).get(0);
            TransactionBranch branch = newBranch();
            preparing.prepare(branch, new UnitOfWork().acknowledge(delivery.deliveryId()), 1L);

            Thread.sleep(LEASE_MILLIS + 200);
            assertThat(preparing.recoverExpiredLeases()).isZero();
            assertThat(preparing.claim(queue.queueId(), 1)).isEmpty();
        }
        // the preparing node is gone (closed; its leases released); a new node finds and completes the branch
        try (MessageStore other = MessageStores.open(config)) {
            Destination queue = other.findDestination("orders", DestinationKind.QUEUE).orElseThrow();
            assertThat(other.claim(queue.queueId(), 1)).as("still held by the prepared branch").isEmpty();
            TransactionBranch branch = other.preparedBranches().get(0);

            assertThat(other.rollbackPrepared(branch)).isTrue();
            assertThat(other.claim(queue.queueId(), 1)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void branchWhoseConsumedLeaseExpiredIsNotPrepared(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(silentNode(config))) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("lost lease")));
            Delivery delivery = store.claim(queue.queueId(), 1).get(0);
            Thread.sleep(LEASE_MILLIS + 200);
            store.recoverExpiredLeases();
            TransactionBranch branch = newBranch();

            assertThat(store.prepare(branch, new UnitOfWork().acknowledge(delivery.deliveryId())
                    .send(queue.id(), Messages.text("reply")), 1L)).isFalse();

            assertThat(store.preparedBranches()).isEmpty();
            assertThat(StoreRows.count(config, "ferry_delivery")).as("nothing of the branch was stored")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preparingABranchTwiceFails(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            TransactionBranch branch = newBranch();
            store.prepare(branch, new UnitOfWork().send(queue.id(), Messages.text("one")), 1L);

            assertThatThrownBy(() -> store.prepare(branch, new UnitOfWork().send(queue.id(),
                    Messages.text("two")), 1L))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("already prepared");
            store.commitPrepared(branch);
            assertThat(store.claim(queue.queueId(), 10)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void preparedBranchSurvivesAnEmbeddedStoreReopening(TestDatabase database) {
        FerryConfig config = database.newConfig();
        TransactionBranch branch = newBranch();
        long queueId;
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            queueId = queue.queueId();
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("consumed")));
            Delivery delivery = store.claim(queueId, 1).get(0);
            store.prepare(branch, new UnitOfWork().acknowledge(delivery.deliveryId())
                    .send(queue.id(), Messages.text("sent")), 1L);
        }
        try (MessageStore reopened = MessageStores.open(config)) {
            assertThat(reopened.preparedBranches()).containsExactly(branch);
            assertThat(reopened.claim(queueId, 10)).as("neither the send nor the consumed delivery").isEmpty();
            assertThat(reopened.commitPrepared(branch)).isTrue();
            List<Delivery> left = reopened.claim(queueId, 10);
            assertThat(left).hasSize(1);
            assertThat(Messages.bodyText(left.get(0).message())).isEqualTo("sent");
        }
    }

    @Test
    void transactionBranchRejectsOversizedIdsAndComparesByContent() {
        assertThatThrownBy(() -> new TransactionBranch(1, new byte[65], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransactionBranch(1, new byte[1], new byte[65]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TransactionBranch(1, new byte[] {1}, new byte[] {2}))
                .isEqualTo(new TransactionBranch(1, new byte[] {1}, new byte[] {2}))
                .isNotEqualTo(new TransactionBranch(2, new byte[] {1}, new byte[] {2}));
    }
}
