package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.StoreException;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.ferry.store.testing.Messages.bodyText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendAndClaimTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void claimedDeliveryCarriesEveryFieldOfTheSentMessage(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            byte[] body = new byte[1 << 20];
            new Random(7).nextBytes(body);
            MessageRecord sent = new MessageRecord("ID:abc", 1234567L, null, new byte[] {1, 2, 3},
                    "queue://replies", "order.created", false, 7, 0, 0, "group-1", 3, 5,
                    new byte[] {9, 8, 7}, body);

            store.commit(new UnitOfWork().send(queue.id(), sent));
            List<Delivery> claimed = store.claim(queue.queueId(), 10);

            assertThat(claimed).hasSize(1);
            Delivery delivery = claimed.get(0);
            assertThat(delivery.queueId()).isEqualTo(queue.queueId());
            assertThat(delivery.deliveryCount()).isEqualTo(1);
            assertThat(delivery.redelivered()).isFalse();
            assertThat(delivery.destinationName()).isEqualTo("orders");
            assertThat(delivery.destinationKind()).isEqualTo(DestinationKind.QUEUE);
            assertThat(delivery.originalDestination()).isNull();
            assertThat(delivery.failureReason()).isNull();
            Messages.assertSameMessage(delivery.message(), sent);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void messageWithoutBodyAndWithStringCorrelationIdIsPreserved(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            MessageRecord sent = new MessageRecord(null, 0, "corr-1", null, null, null, true, 0, 0, 0, null, 0, 0,
                    new byte[0], null);

            store.commit(new UnitOfWork().send(queue.id(), sent));

            Delivery delivery = store.claim(queue.queueId(), 1).get(0);
            Messages.assertSameMessage(delivery.message(), sent);
            assertThat(delivery.message().body()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void acknowledgedDeliveryIsNotClaimedAgain(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            Delivery delivery = store.claim(queue.queueId(), 10).get(0);

            store.commit(new UnitOfWork().acknowledge(delivery.deliveryId()));

            assertThat(store.claim(queue.queueId(), 10)).isEmpty();
            assertThat(store.statistics(queue.queueId()).total()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void claimedDeliveryIsNotClaimedTwice(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));

            assertThat(store.claim(queue.queueId(), 10)).hasSize(1);
            assertThat(store.claim(queue.queueId(), 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void higherPriorityIsClaimedFirstThenSendOrder(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            UnitOfWork work = new UnitOfWork();
            work.send(queue.id(), Messages.withPriority("low-1", 1));
            work.send(queue.id(), Messages.withPriority("high-1", 9));
            work.send(queue.id(), Messages.withPriority("normal-1", 4));
            store.commit(work);
            store.commit(new UnitOfWork().send(queue.id(), Messages.withPriority("high-2", 9)));
            store.commit(new UnitOfWork().send(queue.id(), Messages.withPriority("low-2", 1)));

            List<String> order = new ArrayList<>();
            store.claim(queue.queueId(), 3).forEach(d -> order.add(bodyText(d.message())));
            store.claim(queue.queueId(), 3).forEach(d -> order.add(bodyText(d.message())));

            assertThat(order).containsExactly("high-1", "high-2", "normal-1", "low-1", "low-2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void messageIsNotClaimedBeforeItsDeliveryTime(TestDatabase database) throws InterruptedException {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            long deliveryTime = System.currentTimeMillis() + 1_500;
            store.commit(new UnitOfWork().send(queue.id(), Messages.deliveredAt("later", deliveryTime)));

            assertThat(store.claim(queue.queueId(), 10)).isEmpty();
            assertThat(store.nextReadyTime(queue.queueId())).hasValue(deliveryTime);
            assertThat(store.statistics(queue.queueId()).scheduled()).isEqualTo(1);

            Thread.sleep(Math.max(0, deliveryTime - System.currentTimeMillis()) + 20);
            assertThat(store.claim(queue.queueId(), 10)).extracting(d -> bodyText(d.message()))
                    .containsExactly("later");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void expiredMessageIsNeverClaimed(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork()
                    .send(queue.id(), Messages.expiringAt("stale", System.currentTimeMillis() - 1))
                    .send(queue.id(), Messages.expiringAt("fresh", System.currentTimeMillis() + 60_000)));

            assertThat(store.claim(queue.queueId(), 10)).extracting(d -> bodyText(d.message()))
                    .containsExactly("fresh");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pausedQueueDeliversNothingUntilResumed(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));
            store.updatePolicy(queue.id(), withPaused(queue, true));

            assertThat(store.claim(queue.queueId(), 10)).isEmpty();

            store.updatePolicy(queue.id(), withPaused(queue, false));
            assertThat(store.claim(queue.queueId(), 10)).hasSize(1);
        }
    }

    private static dev.ferry.store.DestinationPolicy withPaused(Destination destination, boolean paused) {
        dev.ferry.store.DestinationPolicy p = destination.policy();
        return new dev.ferry.store.DestinationPolicy(p.deadLetterQueue(), p.maxDeliveryAttempts(),
                p.redeliveryDelayMillis(), p.redeliveryBackoff(), p.maxRedeliveryDelayMillis(), p.expiryQueue(),
                paused);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void committedSendWakesListenersWithItsQueue(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            List<Set<Long>> wakeUps = new CopyOnWriteArrayList<>();
            store.addWakeUpListener(queues -> {
                throw new IllegalStateException("a failing listener must not stop the others");
            });
            store.addWakeUpListener(wakeUps::add);

            store.commit(new UnitOfWork().send(queue.id(), Messages.text("one")));

            assertThat(wakeUps).containsExactly(Set.of(queue.queueId()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sendToUnknownDestinationFailsAndStoresNothing(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            UnitOfWork work = new UnitOfWork()
                    .send(queue.id(), Messages.text("one"))
                    .send(999_999L, Messages.text("two"));

            assertThatThrownBy(() -> store.commit(work)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("999999");
            assertThat(store.claim(queue.queueId(), 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void batchOfSendsIsClaimedInSendOrder(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            UnitOfWork work = new UnitOfWork();
            for (int i = 0; i < 250; i++) {
                work.send(queue.id(), Messages.text("m" + i));
            }
            store.commit(work);

            Set<Long> ids = new HashSet<>();
            List<String> bodies = new ArrayList<>();
            for (List<Delivery> batch = store.claim(queue.queueId(), 100); !batch.isEmpty();
                 batch = store.claim(queue.queueId(), 100)) {
                batch.forEach(d -> {
                    ids.add(d.deliveryId());
                    bodies.add(bodyText(d.message()));
                });
            }
            assertThat(ids).hasSize(250);
            assertThat(bodies).first().isEqualTo("m0");
            assertThat(bodies).last().isEqualTo("m249");
            assertThat(bodies).doesNotHaveDuplicates().hasSize(250);
        }
    }
}
