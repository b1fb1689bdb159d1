package dev.ferry.store.admin;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static dev.ferry.store.admin.AdminFixtures.WAIT;
import static dev.ferry.store.admin.AdminFixtures.bodies;
import static dev.ferry.store.admin.AdminFixtures.message;
import static dev.ferry.store.admin.AdminFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationsTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void purgeDeletesEverythingButInFlightDeliveriesAndIsAudited(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            send(store, queue, "m", 30);
            List<Delivery> inFlight = store.claim(queue.queueId(), 4);
            StoreAdministration admin = store.administration();

            Preview preview = admin.preview(Selection.all(queue.queueId()));
            BulkResult result = admin.delete(Selection.all(queue.queueId()), "alice").await(WAIT);

            assertThat(preview.matching()).isEqualTo(30);
            assertThat(preview.inFlight()).isEqualTo(4);
            assertThat(preview.willTouch()).isEqualTo(26);
            assertThat(result.touched()).isEqualTo(26);
            assertThat(result.skippedInFlight()).isEqualTo(4);
            assertThat(result.succeeded()).isTrue();
            assertThat(admin.overview(queue.queueId()).orElseThrow().depth()).isEqualTo(4);
            store.commit(acknowledge(inFlight));
            assertThat(admin.overview(queue.queueId()).orElseThrow().depth()).isZero();
            AuditEntry audit = admin.audit(AuditQuery.latest(1)).get(0);
            assertThat(audit.operator()).isEqualTo("alice");
            assertThat(audit.operation()).isEqualTo("purge");
            assertThat(audit.destination()).isEqualTo("orders");
            assertThat(audit.filter()).isEqualTo("all");
            assertThat(audit.count()).isEqualTo(26);
            assertThat(audit.outcome()).isEqualTo("completed");
            assertThat(audit.detail()).contains("skipped in flight: 4");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void purgeWithAFilterDeletesOnlyTheMatches(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            send(store, queue, "keep", 10);
            send(store, queue, "drop", 7);
            MessageFilter drop = MessageFilter.ALL.withPredicate(
                    d -> d.message().messageId().startsWith("ID:drop"), "JMSMessageID LIKE 'ID:drop%'");
            StoreAdministration admin = store.administration();

            long willTouch = admin.preview(Selection.filtered(queue.queueId(), drop)).willTouch();
            BulkResult result = admin.delete(Selection.filtered(queue.queueId(), drop), "alice").await(WAIT);

            assertThat(willTouch).isEqualTo(7);
            assertThat(result.touched()).isEqualTo(7);
            assertThat(bodies(store.browse(queue.queueId(), 0, 100))).hasSize(10).allMatch(b -> b.startsWith("keep"));
            assertThat(admin.audit(AuditQuery.latest(1)).get(0).filter()).isEqualTo("selector=JMSMessageID LIKE 'ID:drop%'");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteRemovesTheSelectedDeliveriesOnly(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            send(store, queue, "m", 5);
            List<Delivery> all = store.browse(queue.queueId(), 0, 10);

            BulkResult result = store.administration().delete(Selection.ids(queue.queueId(),
                    List.of(all.get(1).deliveryId(), all.get(3).deliveryId(), 999_999_999L)), "bob").await(WAIT);

            assertThat(result.touched()).isEqualTo(2);
            assertThat(result.skippedOther()).as("the unknown id").isEqualTo(1);
            assertThat(bodies(store.browse(queue.queueId(), 0, 10))).containsExactly("m-0", "m-2", "m-4");
            assertThat(store.administration().audit(AuditQuery.latest(1)).get(0).operation()).isEqualTo("delete");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void moveSendsFilteredMessagesToAnotherQueueAndWakesItsConsumers(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            send(store, queue, "m", 12);
            List<Set<Long>> woken = new CopyOnWriteArrayList<>();
            store.addWakeUpListener(queues -> woken.add(Set.copyOf(queues)));
            Delivery leased = store.claim(queue.queueId(), 1).get(0);
            MessageFilter even = MessageFilter.ALL.withPredicate(
                    d -> Integer.parseInt(d.message().messageId().substring(5)) % 2 == 0, "even");

            BulkResult result = store.administration().move(Selection.filtered(queue.queueId(), even), "archive",
                    "carol").await(WAIT);

            Destination archive = store.findDestination("archive", DestinationKind.QUEUE).orElseThrow();
            assertThat(result.touched()).isEqualTo(5);
            assertThat(result.skippedInFlight()).as("m-0 is leased").isEqualTo(1);
            assertThat(bodies(store.claim(archive.queueId(), 20))).containsExactly("m-2", "m-4", "m-6", "m-8", "m-10");
            assertThat(woken).anyMatch(queues -> queues.contains(archive.queueId()));
            assertThat(leased.queueId()).isEqualTo(queue.queueId());
            assertThat(store.administration().audit(AuditQuery.latest(1)).get(0).detail()).startsWith("to archive");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void moveToTheSameQueueIsRefused(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);

            assertThatThrownBy(() -> store.administration().move(Selection.all(queue.queueId()), "orders", "carol"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to itself");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void replayedDeadLettersReturnToTheirQueueWithCountResetAndReplayRecorded(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            Destination dlq = AdminFixtures.deadLetter(store, queue, "DLQ", 3);
            send(store, dlq, "not-a-dead-letter", 1);
            List<Set<Long>> woken = new CopyOnWriteArrayList<>();
            store.addWakeUpListener(queues -> woken.add(Set.copyOf(queues)));
            StoreAdministration admin = store.administration();

            BulkResult result = admin.replayDeadLetters(Selection.all(dlq.queueId()), ReplayOptions.TO_ORIGIN, "dave")
                    .await(WAIT);

            assertThat(result.touched()).isEqualTo(3);
            assertThat(result.skippedOther()).as("a message without original destination").isEqualTo(1);
            assertThat(woken).anyMatch(queues -> queues.contains(queue.queueId()));
            List<Delivery> again = store.claim(queue.queueId(), 10);
            assertThat(bodies(again)).containsExactly("dead-0", "dead-1", "dead-2");
            assertThat(again).allMatch(d -> d.deliveryCount() == 1 && !d.redelivered())
                    .allMatch(d -> d.originalDestination() == null && d.failureReason() == null);
            MessageDetail detail = admin.detail(again.get(0).deliveryId()).orElseThrow();
            assertThat(detail.replayCount()).isEqualTo(1);
            assertThat(detail.lastReplayedBy()).isEqualTo("dave");
            assertThat(detail.lastReplayedAt()).isPositive();
            assertThat(admin.overview(dlq.queueId()).orElseThrow().depth()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void replayRewritesPropertiesAndCanTargetAnotherQueue(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            Destination dlq = AdminFixtures.deadLetter(store, queue, "DLQ", 2);
            ReplayOptions options = ReplayOptions.TO_ORIGIN.to("orders.retry")
                    .rewriting(properties -> new byte[] {42});

            BulkResult result = store.administration().replayDeadLetters(Selection.all(dlq.queueId()), options, "dave")
                    .await(WAIT);

            Destination retry = store.findDestination("orders.retry", DestinationKind.QUEUE).orElseThrow();
            List<Delivery> replayed = store.claim(retry.queueId(), 10);
            assertThat(result.touched()).isEqualTo(2);
            assertThat(replayed).hasSize(2).allMatch(d -> d.message().properties().length == 1
                    && d.message().properties()[0] == 42);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCancelledJobStopsBetweenBatchesKeepingWhatItCommitted(TestDatabase database) throws Exception {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            int batch = StoreAdministration.DEFAULT_BATCH_SIZE;
            send(store, queue, "m", batch * 2 + 100);
            CountDownLatch inSecondBatch = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            // the job counts its total first (one pass of the predicate), then works; the predicate holds it inside
            // its second batch until the test has cancelled it
            java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
            MessageFilter all = MessageFilter.ALL.withPredicate(d -> {
                if (d.message().messageId().equals("ID:m-" + batch) && seen.incrementAndGet() == 2) {
                    inSecondBatch.countDown();
                    try {
                        cancelled.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return true;
            }, "everything, held in the second batch");
            StoreAdministration admin = store.administration();
            BulkJob job = admin.delete(Selection.filtered(queue.queueId(), all), "erin");

            inSecondBatch.await();
            assertThat(job.done()).isEqualTo(batch);
            assertThat(job.total()).isEqualTo(batch * 2 + 100);
            job.cancel();
            cancelled.countDown();
            BulkResult result = job.await(WAIT);

            assertThat(result.cancelled()).isTrue();
            assertThat(result.touched()).as("two whole batches").isEqualTo(batch * 2);
            assertThat(result.batches()).isEqualTo(2);
            assertThat(admin.overview(queue.queueId()).orElseThrow().depth()).isEqualTo(100);
            AuditEntry audit = admin.audit(AuditQuery.latest(1)).get(0);
            assertThat(audit.outcome()).isEqualTo("cancelled");
            assertThat(audit.count()).isEqualTo(batch * 2);
        }
    }

    private static UnitOfWork acknowledge(List<Delivery> deliveries) {
        UnitOfWork work = new UnitOfWork();
        deliveries.forEach(d -> work.acknowledge(d.deliveryId()));
        return work;
    }

    static List<Long> ids(List<Delivery> deliveries) {
        List<Long> ids = new ArrayList<>();
        deliveries.forEach(d -> ids.add(d.deliveryId()));
        return ids;
    }

    static UnitOfWork sendAll(Destination destination, String... texts) {
        UnitOfWork work = new UnitOfWork();
        for (String text : texts) {
            work.send(destination.id(), message(text));
        }
        return work;
    }
}
