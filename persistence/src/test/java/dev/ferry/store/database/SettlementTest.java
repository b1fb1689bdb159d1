package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.Settlement;
import dev.ferry.store.StoreException;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.ferry.store.testing.Messages.bodyText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettlementTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void unconsumedDeliveryReturnsWithItsCountRestored(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            Delivery first = store.claim(queue.queueId(), 1).get(0);

            store.settle(List.of(new Settlement.Unconsumed(first.deliveryId())));

            Delivery again = store.claim(queue.queueId(), 1).get(0);
            assertThat(again.deliveryId()).isEqualTo(first.deliveryId());
            assertThat(again.deliveryCount()).isEqualTo(1);
            assertThat(again.redelivered()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void redeliveredDeliveryWaitsForItsDelayAndCountsTheAttempt(TestDatabase database) throws InterruptedException {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            Delivery first = store.claim(queue.queueId(), 1).get(0);
            long readyAt = System.currentTimeMillis() + 1_500;

            store.settle(List.of(new Settlement.Redeliver(first.deliveryId(), readyAt)));

            assertThat(store.claim(queue.queueId(), 1)).isEmpty();
            assertThat(store.nextReadyTime(queue.queueId())).hasValue(readyAt);
            Thread.sleep(Math.max(0, readyAt - System.currentTimeMillis()) + 20);
            Delivery again = store.claim(queue.queueId(), 1).get(0);
            assertThat(again.deliveryCount()).isEqualTo(2);
            assertThat(again.redelivered()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deadLetteredDeliveryMovesToTheDeadLetterQueueWithOriginAndReason(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("poison")));
            Delivery first = store.claim(queue.queueId(), 1).get(0);
            List<Set<Long>> wakeUps = new CopyOnWriteArrayList<>();
            store.addWakeUpListener(wakeUps::add);

            store.settle(List.of(new Settlement.DeadLetter(first.deliveryId(), "DLQ", "too many attempts")));

            Destination dlq = store.findDestination("DLQ", DestinationKind.QUEUE).orElseThrow();
            assertThat(wakeUps).containsExactly(Set.of(dlq.queueId()));
            assertThat(store.claim(queue.queueId(), 1)).isEmpty();
            Delivery dead = store.claim(dlq.queueId(), 1).get(0);
            assertThat(bodyText(dead.message())).isEqualTo("poison");
            assertThat(dead.originalDestination()).isEqualTo("orders");
            assertThat(dead.failureReason()).isEqualTo("too many attempts");
            assertThat(dead.destinationName()).as("the destination it was sent to").isEqualTo("orders");
            assertThat(dead.deliveryCount()).as("count kept, then this claim").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deadLetteringAgainKeepsTheFirstOriginalDestination(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("poison")));
            store.settle(List.of(new Settlement.DeadLetter(store.claim(queue.queueId(), 1).get(0).deliveryId(),
                    "DLQ", "first")));
            Destination dlq = store.findDestination("DLQ", DestinationKind.QUEUE).orElseThrow();

            store.settle(List.of(new Settlement.DeadLetter(store.claim(dlq.queueId(), 1).get(0).deliveryId(),
                    "DLQ2", "second")));

            Destination dlq2 = store.findDestination("DLQ2", DestinationKind.QUEUE).orElseThrow();
            Delivery dead = store.claim(dlq2.queueId(), 1).get(0);
            assertThat(dead.originalDestination()).isEqualTo("orders");
            assertThat(dead.failureReason()).isEqualTo("second");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void settlementsInAUnitOfWorkCommitWithItsAcknowledgementsAndSends(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("a")).send(queue.id(), Messages.text("b")));
            List<Delivery> claimed = store.claim(queue.queueId(), 2);

            store.commit(new UnitOfWork()
                    .acknowledge(claimed.get(0).deliveryId())
                    .settle(new Settlement.Unconsumed(claimed.get(1).deliveryId()))
                    .send(queue.id(), Messages.text("c")));

            assertThat(store.claim(queue.queueId(), 10)).extracting(d -> bodyText(d.message()))
                    .containsExactly("b", "c");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void failedUnitOfWorkAppliesNoneOfItsSettlements(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("a")));
            Delivery claimed = store.claim(queue.queueId(), 1).get(0);

            UnitOfWork work = new UnitOfWork()
                    .settle(new Settlement.Unconsumed(claimed.deliveryId()))
                    .send(424_242L, Messages.text("to nowhere"));
            assertThatThrownBy(() -> store.commit(work)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("commit").hasMessageContaining("424242");

            assertThat(store.claim(queue.queueId(), 1)).as("still leased").isEmpty();
            assertThat(store.statistics(queue.queueId()).inFlight()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deadLetterWithoutQueueNameIsRejected(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            assertThatThrownBy(() -> store.settle(List.of(new Settlement.DeadLetter(1, " ", "why"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dead-letter queue");
        }
    }
}
