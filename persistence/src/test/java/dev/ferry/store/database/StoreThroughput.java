package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.testing.TestDatabase;

import java.util.List;

/**
 * A rough single-thread measurement of the hot path with 1 KiB messages (not a test: run it by hand).
 * {@code -Dferry.test.postgres.fsync=on} measures PostgreSQL with durable commits.
 */
public final class StoreThroughput {

    private StoreThroughput() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        for (TestDatabase database : TestDatabase.values()) {
            try (MessageStore store = MessageStores.open(database.newConfig())) {
                Destination queue = store.createDestinationIfAbsent("bench", DestinationKind.QUEUE);
                measure(database, store, queue, count / 5, false); // warm-up
                measure(database, store, queue, count, true);
                measureConcurrentSends(database, store, queue, 4, count);
            }
        }
        System.exit(0);
    }

    private static void measure(TestDatabase database, MessageStore store, Destination queue, int count,
                                boolean report) {
        byte[] body = new byte[1024];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            MessageRecord message = new MessageRecord("ID:" + i, System.currentTimeMillis(), null, null, null, null,
                    true, 4, 0, 0, null, 0, 1, new byte[16], body);
            store.commit(new UnitOfWork().send(queue.id(), message));
        }
        long sent = System.nanoTime();
        int received = 0;
        while (received < count / 2) {
            List<Delivery> one = store.claim(queue.queueId(), 1);
            store.commit(new UnitOfWork().acknowledge(one.get(0).deliveryId()));
            received++;
        }
        long singles = System.nanoTime();
        while (received < count) {
            List<Delivery> batch = store.claim(queue.queueId(), 32);
            UnitOfWork acks = new UnitOfWork();
            batch.forEach(d -> acks.acknowledge(d.deliveryId()));
            store.commit(acks);
            received += batch.size();
        }
        long batches = System.nanoTime();
        if (report) {
            System.out.printf("%-8s send 1 msg/tx: %7.0f msg/s | claim 1 + ack 1/tx: %7.0f msg/s | "
                            + "claim 32 + ack 32/tx: %7.0f msg/s%n", database,
                    count / seconds(start, sent), (count / 2) / seconds(sent, singles),
                    (count - count / 2) / seconds(singles, batches));
        }
    }

    /** {@code threads} producers, each committing one message per transaction; then the queue is purged. */
    private static void measureConcurrentSends(TestDatabase database, MessageStore store, Destination queue,
                                               int threads, int count) {
        byte[] body = new byte[1024];
        Thread[] producers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            producers[t] = new Thread(() -> {
                for (int i = 0; i < count / threads; i++) {
                    store.commit(new UnitOfWork().send(queue.id(), new MessageRecord("ID:" + i,
                            System.currentTimeMillis(), null, null, null, null, true, 4, 0, 0, null, 0, 1,
                            new byte[16], body)));
                }
            });
            producers[t].start();
        }
        for (Thread producer : producers) {
            try {
                producer.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long end = System.nanoTime();
        System.out.printf("%-8s send 1 msg/tx from %d threads: %7.0f msg/s%n", database, threads,
                (count / threads * threads) / seconds(start, end));
        store.purge(queue.queueId());
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
