package dev.ferry.store.admin;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.ferry.store.admin.AdminFixtures.message;
import static dev.ferry.store.admin.AdminFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;

class BrowseTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pagesForwardAndBackwardInArrivalOrder(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            send(store, queue, "m", 25);
            StoreAdministration admin = store.administration();

            MessagePage first = admin.browse(BrowseRequest.firstPage(queue.queueId(), 10));
            MessagePage second = admin.browse(BrowseRequest.firstPage(queue.queueId(), 10).after(first.next()));
            MessagePage third = admin.browse(BrowseRequest.firstPage(queue.queueId(), 10).after(second.next()));
            MessagePage backToSecond = admin.browse(BrowseRequest.firstPage(queue.queueId(), 10)
                    .before(third.previous()));
            MessagePage backToFirst = admin.browse(BrowseRequest.firstPage(queue.queueId(), 10)
                    .before(backToSecond.previous()));

            assertThat(ids(first)).containsExactly(range("m", 0, 10));
            assertThat(first.previous()).isNull();
            assertThat(ids(second)).containsExactly(range("m", 10, 20));
            assertThat(ids(third)).containsExactly(range("m", 20, 25));
            assertThat(third.next()).as("the last page has no next").isNull();
            assertThat(ids(backToSecond)).isEqualTo(ids(second));
            assertThat(ids(backToFirst)).isEqualTo(ids(first));
            assertThat(backToFirst.previous()).as("nothing before the first page").isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void descendingOrderShowsNewestFirst(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            send(store, queue, "m", 5);

            MessagePage page = store.administration().browse(BrowseRequest.firstPage(queue.queueId(), 3)
                    .sortedBy(SortColumn.SEND_ORDER, true));

            assertThat(ids(page)).containsExactly("ID:m-4", "ID:m-3", "ID:m-2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void priorityOrderIsHighestFirstThenArrivalAcrossPages(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            UnitOfWork work = new UnitOfWork();
            int[] priorities = {1, 9, 4, 9, 0, 4, 7};
            for (int i = 0; i < priorities.length; i++) {
                work.send(queue.id(), message("p" + priorities[i] + "-" + i, priorities[i], null,
                        System.currentTimeMillis(), new byte[0]));
            }
            store.commit(work);
            StoreAdministration admin = store.administration();
            BrowseRequest request = BrowseRequest.firstPage(queue.queueId(), 3).sortedBy(SortColumn.PRIORITY, false);

            MessagePage first = admin.browse(request);
            MessagePage second = admin.browse(request.after(first.next()));
            MessagePage third = admin.browse(request.after(second.next()));
            MessagePage back = admin.browse(request.before(third.previous()));

            assertThat(ids(first)).containsExactly("ID:p9-1", "ID:p9-3", "ID:p7-6");
            assertThat(ids(second)).containsExactly("ID:p4-2", "ID:p4-5", "ID:p1-0");
            assertThat(ids(third)).containsExactly("ID:p0-4");
            assertThat(ids(back)).isEqualTo(ids(second));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void filtersByPredicateBodyTextIdsAndTimeRange(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            UnitOfWork work = new UnitOfWork();
            for (int i = 0; i < 40; i++) {
                work.send(queue.id(), message("order-" + i + (i % 10 == 0 ? " urgent" : ""), i % 10,
                        "corr-" + (i % 4), 1_000_000L + i * 1000L, new byte[0]));
            }
            store.commit(work);
            StoreAdministration admin = store.administration();
            BrowseRequest request = BrowseRequest.firstPage(queue.queueId(), 100);

            MessagePage byPredicate = admin.browse(request.withFilter(MessageFilter.ALL.withPredicate(
                    d -> d.message().priority() >= 8, "JMSPriority >= 8")));
            MessagePage byBody = admin.browse(request.withFilter(MessageFilter.ALL.withBodyContaining("urgent")));
            MessagePage byCorrelation = admin.browse(request.withFilter(MessageFilter.ALL.withCorrelationId("corr-3")));
            MessagePage byMessageId = admin.browse(request.withFilter(MessageFilter.ALL.withJmsMessageId("ID:order-7")));
            MessagePage byTime = admin.browse(request.withFilter(MessageFilter.ALL
                    .withSentBetween(1_005_000L, 1_008_000L)));

            assertThat(ids(byPredicate)).hasSize(8).allMatch(id -> id.matches("ID:order-\\d*[89]"));
            assertThat(ids(byBody)).containsExactly("ID:order-0 urgent", "ID:order-10 urgent", "ID:order-20 urgent",
                    "ID:order-30 urgent");
            assertThat(byCorrelation.messages()).hasSize(10).allMatch(m -> m.correlationId().equals("corr-3"));
            assertThat(ids(byMessageId)).containsExactly("ID:order-7");
            assertThat(ids(byTime)).containsExactly("ID:order-5", "ID:order-6", "ID:order-7");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aScanStoppedByItsLimitSaysSoAndContinuesWhereItStopped(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            send(store, queue, "plain", 30);
            send(store, queue, "needle", 1);
            BrowseRequest request = new BrowseRequest(queue.queueId(),
                    MessageFilter.ALL.withBodyContaining("needle"), SortColumn.SEND_ORDER, false, null, null, 5, 20);

            MessagePage cut = store.administration().browse(request);
            MessagePage rest = store.administration().browse(request.after(cut.next()));

            assertThat(cut.messages()).isEmpty();
            assertThat(cut.scanLimitReached()).isTrue();
            assertThat(cut.scanned()).isEqualTo(20);
            assertThat(ids(rest)).containsExactly("ID:needle-0");
            assertThat(rest.next()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void detailShowsHeadersRawPropertiesAndDeliveryHistory(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            Destination dlq = AdminFixtures.deadLetter(store, queue, "orders.DLQ", 1);
            MessageSummary row = store.administration().browse(BrowseRequest.firstPage(dlq.queueId(), 1))
                    .messages().get(0);

            MessageDetail detail = store.administration().detail(row.deliveryId()).orElseThrow();

            assertThat(detail.queueName()).isEqualTo("orders.DLQ");
            assertThat(detail.state()).isEqualTo(DeliveryState.READY);
            assertThat(detail.delivery().deliveryCount()).isEqualTo(1);
            assertThat(detail.delivery().originalDestination()).isEqualTo("orders");
            assertThat(detail.delivery().failureReason()).isEqualTo("listener threw");
            assertThat(new String(detail.delivery().message().body(), StandardCharsets.UTF_8)).isEqualTo("dead-0");
            assertThat(detail.delivery().message().properties()).isEmpty();
            assertThat(detail.replayCount()).isZero();
            assertThat(row.originalDestination()).isEqualTo("orders");
            assertThat(store.administration().detail(row.deliveryId() + 987_654)).isEmpty();
        }
    }

    static List<String> ids(MessagePage page) {
        List<String> ids = new ArrayList<>();
        page.messages().forEach(m -> ids.add(m.jmsMessageId()));
        return ids;
    }

    static String[] range(String prefix, int from, int to) {
        String[] ids = new String[to - from];
        for (int i = from; i < to; i++) {
            ids[i - from] = "ID:" + prefix + "-" + i;
        }
        return ids;
    }
}
