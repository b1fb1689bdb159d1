package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.ScanCursor;
import dev.ferry.store.Settlement;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.StoreRows;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Message groups in the store: ownership in {@code ferry_group}, send order inside a group, lease recovery. */
class MessageGroupStoreTest {

    private static final long LEASE_MILLIS = 1_000;

    private static List<String> texts(List<Delivery> deliveries) {
        List<String> texts = new ArrayList<>();
        deliveries.forEach(d -> texts.add(Messages.bodyText(d.message())));
        return texts;
    }

    private static void send(MessageStore store, Destination queue, String... groupAndText) {
        UnitOfWork work = new UnitOfWork();
        for (String text : groupAndText) {
            String group = text.contains("-") ? text.substring(0, text.indexOf('-')) : null;
            work.send(queue.id(), group == null ? Messages.text(text) : Messages.inGroup(text, group, 0, 4));
        }
        store.commit(work);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aGroupGoesToTheConsumerThatTookItsFirstMessageAndUngroupedOnesToAnyone(TestDatabase database)
            throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination queue = store.createDestinationIfAbsent("groups", DestinationKind.QUEUE);
            send(store, queue, "A-1", "u1", "A-2", "B-1", "u2", "A-3", "B-2");

            assertThat(texts(store.claim(queue.queueId(), 1, "alice"))).containsExactly("A-1");
            assertThat(texts(store.claim(queue.queueId(), 10, "bob"))).containsExactly("u1", "B-1", "u2", "B-2");
            assertThat(texts(store.claim(queue.queueId(), 10, "alice"))).containsExactly("A-2", "A-3");
            assertThat(StoreRows.count(config, "ferry_group")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void priorityDoesNotReorderAGroup(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("priorities", DestinationKind.QUEUE);
            store.commit(new UnitOfWork()
                    .send(queue.id(), Messages.inGroup("G-low", "G", 1, 1))
                    .send(queue.id(), Messages.withPriority("urgent", 7))
                    .send(queue.id(), Messages.inGroup("G-high", "G", 2, 9)));

            assertThat(texts(store.claim(queue.queueId(), 10, "alice"))).containsExactly("G-low", "urgent", "G-high");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMessageReleasedForRedeliveryHoldsBackTheLaterOnesOfItsGroup(TestDatabase database) throws Exception {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("redelivery", DestinationKind.QUEUE);
            send(store, queue, "G-1", "G-2", "u1");
            List<Delivery> first = store.claim(queue.queueId(), 1, "alice");
            long readyAt = System.currentTimeMillis() + 600;
            store.settle(List.of(new Settlement.Redeliver(first.get(0).deliveryId(), readyAt)));

            assertThat(texts(store.claim(queue.queueId(), 10, "alice"))).as("before G-1 is due").containsExactly("u1");
            while (System.currentTimeMillis() <= readyAt) {
                Thread.sleep(20);
            }
            List<Delivery> again = store.claim(queue.queueId(), 10, "alice");
            assertThat(texts(again)).containsExactly("G-1", "G-2");
            assertThat(again.get(0).redelivered()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void closingTheOwnerReturnsItsDeliveriesAndTheNextOwnerStartsWithThem(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("handover", DestinationKind.QUEUE);
            send(store, queue, "G-1", "G-2", "G-3");
            List<Delivery> held = store.claim(queue.queueId(), 2, "alice");
            assertThat(texts(held)).containsExactly("G-1", "G-2");
            assertThat(store.claim(queue.queueId(), 10, "bob")).as("owned by alice").isEmpty();

            store.closeConsumer("alice", List.of(new Settlement.Redeliver(held.get(0).deliveryId(), 0),
                    new Settlement.Unconsumed(held.get(1).deliveryId())));

            List<Delivery> moved = store.claim(queue.queueId(), 10, "bob");
            assertThat(texts(moved)).containsExactly("G-1", "G-2", "G-3");
            assertThat(moved.get(0).redelivered()).isTrue();
            assertThat(moved.get(1).redelivered()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theLastMessageOfAGroupFreesItOnceAcknowledged(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("ends", DestinationKind.QUEUE);
            store.commit(new UnitOfWork()
                    .send(queue.id(), Messages.inGroup("G-1", "G", 1, 4))
                    .send(queue.id(), Messages.inGroup("G-2", "G", -1, 4)));
            List<Delivery> whole = store.claim(queue.queueId(), 10, "alice");
            assertThat(texts(whole)).containsExactly("G-1", "G-2");
            store.commit(new UnitOfWork().acknowledge(whole.get(0).deliveryId())
                    .acknowledge(whole.get(1).deliveryId()));

            send(store, queue, "G-3");
            assertThat(texts(store.claim(queue.queueId(), 10, "bob"))).as("the group ended").containsExactly("G-3");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aGroupStaysWithItsOwnerWithoutAnEndingMessage(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("sticky", DestinationKind.QUEUE);
            send(store, queue, "G-1");
            Delivery first = store.claim(queue.queueId(), 10, "alice").get(0);
            store.commit(new UnitOfWork().acknowledge(first.deliveryId()));

            send(store, queue, "G-2");
            assertThat(store.claim(queue.queueId(), 10, "bob")).isEmpty();
            assertThat(texts(store.claim(queue.queueId(), 10, "alice"))).containsExactly("G-2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSelectiveConsumerNeverTakesAGroupWhoseFirstMessageItRefuses(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("selective", DestinationKind.QUEUE);
            send(store, queue, "G-blue", "G-red", "H-red");
            ScanCursor cursor = new ScanCursor();

            List<Delivery> reds = store.claim(queue.queueId(), 10,
                    d -> Messages.bodyText(d.message()).endsWith("red"), cursor, "picky");
            assertThat(texts(reds)).as("G-red waits behind G-blue, which picky refuses").containsExactly("H-red");
            assertThat(texts(store.claim(queue.queueId(), 10, "anyone"))).containsExactly("G-blue", "G-red");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSelectiveConsumerGivesAGroupUpOnceItHasAcknowledgedWhatItTook(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("selective-release", DestinationKind.QUEUE);
            send(store, queue, "G-red", "G-blue");
            List<Delivery> red = store.claim(queue.queueId(), 10,
                    d -> Messages.bodyText(d.message()).endsWith("red"), new ScanCursor(), "picky");
            assertThat(texts(red)).containsExactly("G-red");
            assertThat(store.claim(queue.queueId(), 10, "anyone")).as("picky holds G-red").isEmpty();

            store.commit(new UnitOfWork().acknowledge(red.get(0).deliveryId()));

            assertThat(texts(store.claim(queue.queueId(), 10, "anyone"))).containsExactly("G-blue");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aGroupOfANodeThatStoppedHeartbeatingIsFreedWhenItsLeasesExpireAndKeepsItsOrder(TestDatabase database)
            throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore silent = MessageStores.open(config.with(Map.of(
                FerryProperties.LEASE_TIMEOUT.key(), LEASE_MILLIS + "ms",
                FerryProperties.HEARTBEAT_INTERVAL.key(), "1h")));
             MessageStore other = MessageStores.open(config.with(Map.of(
                     FerryProperties.LEASE_TIMEOUT.key(), LEASE_MILLIS + "ms",
                     FerryProperties.HEARTBEAT_INTERVAL.key(), "100ms")))) {
            Destination queue = silent.createDestinationIfAbsent("failover", DestinationKind.QUEUE);
            send(silent, queue, "G-1", "G-2", "G-3");
            assertThat(texts(silent.claim(queue.queueId(), 1, "dead"))).containsExactly("G-1");
            assertThat(other.claim(queue.queueId(), 10, "heir")).as("group and lease still valid").isEmpty();

            long deadline = System.currentTimeMillis() + 10_000;
            List<Delivery> taken = List.of();
            while (taken.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                taken = other.claim(queue.queueId(), 10, "heir");
            }
            assertThat(texts(taken)).containsExactly("G-1", "G-2", "G-3");
            assertThat(taken.get(0).redelivered()).isTrue();
        }
    }

    /** Many consumers claiming at once (threads, and on PostgreSQL SKIP LOCKED claims) never share a group. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentConsumersNeverShareAGroupAndEachGetsItsGroupsInOrder(TestDatabase database) throws Exception {
        int groups = 8;
        int perGroup = 25;
        int consumers = 4;
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("concurrent", DestinationKind.QUEUE);
            UnitOfWork work = new UnitOfWork();
            for (int i = 0; i < perGroup; i++) {
                for (int g = 0; g < groups; g++) {
                    work.send(queue.id(), Messages.inGroup("g" + g + ":" + i, "g" + g, i + 1, 4));
                }
            }
            store.commit(work);

            Map<String, Set<String>> ownersOfGroup = new ConcurrentHashMap<>();
            Map<String, List<Integer>> sequenceOfGroup = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(consumers);
            List<Future<Integer>> counts = new ArrayList<>();
            for (int n = 0; n < consumers; n++) {
                String consumer = "consumer-" + n;
                counts.add(pool.submit(() -> {
                    start.await();
                    int received = 0;
                    int idle = 0;
                    while (idle < 20) {
                        List<Delivery> batch = store.claim(queue.queueId(), 3, consumer);
                        if (batch.isEmpty()) {
                            idle++;
                            Thread.sleep(10);
                            continue;
                        }
                        idle = 0;
                        UnitOfWork acks = new UnitOfWork();
                        for (Delivery d : batch) {
                            String text = Messages.bodyText(d.message());
                            String group = d.message().groupId();
                            ownersOfGroup.computeIfAbsent(group, k -> ConcurrentHashMap.newKeySet()).add(consumer);
                            sequenceOfGroup.computeIfAbsent(group, k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(Integer.parseInt(text.substring(text.indexOf(':') + 1)));
                            acks.acknowledge(d.deliveryId());
                        }
                        store.commit(acks);
                        received += batch.size();
                    }
                    return received;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();

            assertThat(total).isEqualTo(groups * perGroup);
            for (int g = 0; g < groups; g++) {
                assertThat(ownersOfGroup.get("g" + g)).as("consumers of group g" + g).hasSize(1);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < perGroup; i++) {
                    expected.add(i);
                }
                assertThat(sequenceOfGroup.get("g" + g)).as("order of group g" + g).isEqualTo(expected);
            }
        }
    }
}
