package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ferry.store.testing.Messages.bodyText;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentClaimTest {

    private static final int THREADS = 4;
    private static final int MESSAGES_PER_THREAD = 2_000;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void concurrentClaimersReceiveEachDeliveryExactlyOnce(TestDatabase database) throws Exception {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination queue = store.createDestinationIfAbsent("orders", DestinationKind.QUEUE);
            int total = THREADS * MESSAGES_PER_THREAD;
            for (int start = 0; start < total; start += 500) {
                UnitOfWork work = new UnitOfWork();
                for (int i = start; i < start + 500; i++) {
                    work.send(queue.id(), Messages.text("m" + i));
                }
                store.commit(work);
            }

            Map<String, Integer> receivedBy = new ConcurrentHashMap<>();
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger acknowledged = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> consumers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int consumer = t;
                    consumers.add(pool.submit(() -> {
                        while (acknowledged.get() < total) {
                            List<Delivery> batch = store.claim(queue.queueId(), 16);
                            UnitOfWork acks = new UnitOfWork();
                            for (Delivery delivery : batch) {
                                if (receivedBy.putIfAbsent(bodyText(delivery.message()), consumer) != null) {
                                    duplicates.incrementAndGet();
                                }
                                assertThat(delivery.deliveryCount()).isEqualTo(1);
                                acks.acknowledge(delivery.deliveryId());
                            }
                            store.commit(acks);
                            acknowledged.addAndGet(batch.size());
                            if (batch.isEmpty()) {
                                Thread.onSpinWait();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> consumer : consumers) {
                    consumer.get(80, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(duplicates).hasValue(0);
            assertThat(receivedBy).hasSize(total);
            assertThat(receivedBy.values()).as("every consumer got work").containsAll(List.of(0, 1, 2, 3));
            assertThat(store.statistics(queue.queueId()).total()).isZero();
        }
    }
}
