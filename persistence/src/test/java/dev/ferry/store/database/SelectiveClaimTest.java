package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.DeliveryFilter;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.ScanCursor;
import dev.ferry.store.Settlement;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static dev.ferry.store.testing.Messages.bodyText;
import static org.assertj.core.api.Assertions.assertThat;

/** Claims through a filter: what a consumer with a message selector takes, and what it leaves. */
class SelectiveClaimTest {

    private static final DeliveryFilter REDS = d -> bodyText(d.message()).startsWith("red");

    private static List<String> texts(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> bodyText(d.message())).collect(Collectors.toList());
    }

    private static void send(MessageStore store, Destination queue, String... texts) {
        UnitOfWork work = new UnitOfWork();
        for (String text : texts) {
            work.send(queue.id(), Messages.text(text));
        }
        store.commit(work);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void filteredClaimLeasesOnlyAcceptedDeliveriesAndLeavesTheRestClaimable(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("mixed", DestinationKind.QUEUE);
            send(store, queue, "blue-1", "red-1", "blue-2", "red-2");

            List<Delivery> reds = store.claim(queue.queueId(), 10, REDS, new ScanCursor());

            assertThat(texts(reds)).containsExactly("red-1", "red-2");
            assertThat(reds).allMatch(d -> d.deliveryCount() == 1);
            assertThat(texts(store.claim(queue.queueId(), 10))).containsExactly("blue-1", "blue-2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void cursorKeepsAClaimFromReadingRefusedDeliveriesAgain(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("backlog", DestinationKind.QUEUE);
            String[] blues = new String[600];
            for (int i = 0; i < blues.length; i++) {
                blues[i] = "blue-" + i;
            }
            send(store, queue, blues);
            AtomicInteger looked = new AtomicInteger();
            DeliveryFilter counting = d -> {
                looked.incrementAndGet();
                return REDS.accepts(d);
            };
            ScanCursor cursor = new ScanCursor();
            assertThat(store.claim(queue.queueId(), 10, counting, cursor)).isEmpty();
            assertThat(looked.get()).isEqualTo(600);

            send(store, queue, "red-late");
            List<Delivery> reds = store.claim(queue.queueId(), 10, counting, cursor);

            assertThat(texts(reds)).containsExactly("red-late");
            assertThat(looked.get()).isEqualTo(601);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void releasedDeliveryIsSeenAgainBehindTheCursor(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("released", DestinationKind.QUEUE);
            send(store, queue, "red-1", "blue-1");
            Delivery taken = store.claim(queue.queueId(), 1).get(0);
            ScanCursor cursor = new ScanCursor();
            assertThat(store.claim(queue.queueId(), 10, REDS, cursor)).isEmpty();

            store.settle(List.of(new Settlement.Unconsumed(taken.deliveryId())));

            assertThat(texts(store.claim(queue.queueId(), 10, REDS, cursor))).containsExactly("red-1");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void acceptedDeliveryNotYetDueIsClaimedWhenDue(TestDatabase database) throws InterruptedException {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("delayed", DestinationKind.QUEUE);
            long due = System.currentTimeMillis() + 300;
            store.commit(new UnitOfWork().send(queue.id(), Messages.deliveredAt("red-later", due)));
            send(store, queue, "blue-1", "red-now");
            ScanCursor cursor = new ScanCursor();

            assertThat(texts(store.claim(queue.queueId(), 10, REDS, cursor))).containsExactly("red-now");
            Thread.sleep(Math.max(0, due - System.currentTimeMillis()) + 50);

            assertThat(texts(store.claim(queue.queueId(), 10, REDS, cursor))).containsExactly("red-later");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pausedQueueGivesNothingToAFilteredClaim(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("paused", DestinationKind.QUEUE);
            send(store, queue, "red-1");
            store.updatePolicy(queue.id(), new DestinationPolicy(null, null, null, null, null, null, true));

            assertThat(store.claim(queue.queueId(), 10, REDS, new ScanCursor())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void expiredDeliveriesAreCountedPerQueue(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("expiring", DestinationKind.QUEUE);
            long past = System.currentTimeMillis() - 1;
            store.commit(new UnitOfWork().send(queue.id(), Messages.expiringAt("a", past))
                    .send(queue.id(), Messages.expiringAt("b", past)));

            assertThat(store.expire()).isEqualTo(2);

            assertThat(store.expiredCount(queue.queueId())).isEqualTo(2);
            Destination expiryQueue = store.findDestination("ExpiryQueue", DestinationKind.QUEUE).orElseThrow();
            assertThat(store.browse(expiryQueue.queueId(), 0, 10))
                    .extracting(Delivery::originalDestination).containsOnly("expiring");
        }
    }
}
