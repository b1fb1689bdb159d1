package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.StoreRows;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.ferry.store.testing.Messages.bodyText;
import static org.assertj.core.api.Assertions.assertThat;

class TopicFanOutTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void topicMessageIsStoredOnceAndDeliveredToEverySubscription(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination topic = store.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            long first = StoreRows.addSubscriptionQueue(config, topic.id(), "first");
            long second = StoreRows.addSubscriptionQueue(config, topic.id(), "second");
            List<Set<Long>> wakeUps = new CopyOnWriteArrayList<>();
            store.addWakeUpListener(wakeUps::add);

            store.commit(new UnitOfWork().send(topic.id(), Messages.text("tick")));

            assertThat(topic.queueId()).isZero();
            assertThat(wakeUps).containsExactly(Set.of(first, second));
            assertThat(StoreRows.count(config, "ferry_message")).isEqualTo(1);
            for (long queueId : List.of(first, second)) {
                Delivery delivery = store.claim(queueId, 10).get(0);
                assertThat(bodyText(delivery.message())).isEqualTo("tick");
                assertThat(delivery.destinationName()).isEqualTo("prices");
                assertThat(delivery.destinationKind()).isEqualTo(DestinationKind.TOPIC);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void topicMessageIsDeletedOnlyWithItsLastDelivery(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination topic = store.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            long first = StoreRows.addSubscriptionQueue(config, topic.id(), "first");
            long second = StoreRows.addSubscriptionQueue(config, topic.id(), "second");
            store.commit(new UnitOfWork().send(topic.id(), Messages.text("tick")));

            store.commit(new UnitOfWork().acknowledge(store.claim(first, 1).get(0).deliveryId()));
            assertThat(StoreRows.count(config, "ferry_message")).isEqualTo(1);

            store.commit(new UnitOfWork().acknowledge(store.claim(second, 1).get(0).deliveryId()));
            assertThat(StoreRows.count(config, "ferry_message")).isZero();
            assertThat(StoreRows.count(config, "ferry_delivery")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void topicWithoutSubscriptionsKeepsNothing(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination topic = store.createDestinationIfAbsent("prices", DestinationKind.TOPIC);

            store.commit(new UnitOfWork().send(topic.id(), Messages.text("tick")));

            assertThat(StoreRows.count(config, "ferry_message")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentAcknowledgementsOfTheLastTwoDeliveriesDeleteTheMessage(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        int messages = 200;
        try (MessageStore store = MessageStores.open(config)) {
            Destination topic = store.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
            long first = StoreRows.addSubscriptionQueue(config, topic.id(), "first");
            long second = StoreRows.addSubscriptionQueue(config, topic.id(), "second");
            UnitOfWork sends = new UnitOfWork();
            for (int i = 0; i < messages; i++) {
                sends.send(topic.id(), Messages.text("tick" + i));
            }
            store.commit(sends);
            List<Delivery> firstDeliveries = store.claim(first, messages);
            List<Delivery> secondDeliveries = store.claim(second, messages);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> ackers = new ArrayList<>();
                for (List<Delivery> deliveries : List.of(firstDeliveries, secondDeliveries)) {
                    ackers.add(pool.submit(() -> {
                        start.await();
                        for (Delivery delivery : deliveries) {
                            store.commit(new UnitOfWork().acknowledge(delivery.deliveryId()));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> acker : ackers) {
                    acker.get(50, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(StoreRows.count(config, "ferry_delivery")).isZero();
            assertThat(StoreRows.count(config, "ferry_message")).isZero();
        }
    }
}
