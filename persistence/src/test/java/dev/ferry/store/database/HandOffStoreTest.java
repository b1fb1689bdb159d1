package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.QueueStatistics;
import dev.ferry.store.Send;
import dev.ferry.store.SubscriptionRequest;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A send handed to a waiting consumer of the node: its delivery is stored already leased, as a claim leaves it. */
class HandOffStoreTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void handedOverDeliveryIsLeasedToTheNodeAndGivenAfterTheCommit(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig());
             MessageStore otherNode = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            List<Delivery> handed = new CopyOnWriteArrayList<>();
            Set<Long> woken = java.util.concurrent.ConcurrentHashMap.newKeySet();
            store.addWakeUpListener(woken::addAll);

            store.commit(new UnitOfWork().send(new Send(queue.id(), Messages.text("direct")).handedTo(handed::add)));

            assertThat(handed).singleElement().satisfies(delivery -> {
                assertThat(delivery.queueId()).isEqualTo(queue.queueId());
                assertThat(delivery.deliveryCount()).isEqualTo(1);
                assertThat(delivery.redelivered()).isFalse();
                assertThat(Messages.bodyText(delivery.message())).isEqualTo("direct");
            });
            assertThat(woken).as("nothing became ready for other consumers").doesNotContain(queue.queueId());
            assertThat(store.claim(queue.queueId(), 10)).as("leased, not ready").isEmpty();
            assertThat(otherNode.claim(queue.queueId(), 10)).isEmpty();

            store.commit(new UnitOfWork().acknowledge(handed.get(0).deliveryId()));
            assertThat(store.claim(queue.queueId(), 10)).isEmpty();
            QueueStatistics statistics = store.statistics(queue.queueId());
            assertThat(statistics.ready() + statistics.inFlight()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void handedOverDeliveryOfANodeThatStoppedComesBackRedelivered(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig(Map.of(FerryProperties.LEASE_TIMEOUT.key(), "1s",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "1h"));
        try (MessageStore silent = MessageStores.open(config)) {
            Destination queue = silent.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            List<Delivery> handed = new ArrayList<>();
            silent.commit(new UnitOfWork().send(new Send(queue.id(), Messages.text("one")).handedTo(handed::add)));
            assertThat(handed).hasSize(1);

            Thread.sleep(1_100);
            assertThat(silent.recoverExpiredLeases()).isEqualTo(1);
            Delivery again = silent.claim(queue.queueId(), 1).get(0);
            assertThat(again.deliveryId()).isEqualTo(handed.get(0).deliveryId());
            assertThat(again.deliveryCount()).isEqualTo(2);
            assertThat(again.redelivered()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sendsCommittedTogetherHandOverOnlyTheOfferedOnes(TestDatabase database) throws Exception {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            Destination topic = store.createDestinationIfAbsent("news", DestinationKind.TOPIC);
            store.subscribe(new SubscriptionRequest(topic.id(), "sub", "client", null, false, true, false, null));
            List<Delivery> handed = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                Send send = new Send(n % 4 == 3 ? topic.id() : queue.id(), Messages.text("m" + n));
                Send offered = n % 2 == 0 ? send.handedTo(handed::add) : send;
                Thread sender = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    store.commit(new UnitOfWork().send(offered));
                });
                sender.start();
                senders.add(sender);
            }
            start.countDown();
            for (Thread sender : senders) {
                sender.join(TimeUnit.SECONDS.toMillis(30));
            }

            // m0, m2, m4, m6 went to the queue with a consumer waiting; m3 and m7 to the topic are never handed over
            assertThat(handed).extracting(d -> Messages.bodyText(d.message()))
                    .containsExactlyInAnyOrder("m0", "m2", "m4", "m6");
            assertThat(store.claim(queue.queueId(), 10)).extracting(d -> Messages.bodyText(d.message()))
                    .containsExactlyInAnyOrder("m1", "m5");
        }
    }
}
