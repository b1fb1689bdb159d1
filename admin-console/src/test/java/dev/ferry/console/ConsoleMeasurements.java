package dev.ferry.console;

import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.ConsoleSettings;
import dev.ferry.console.services.FilterCriteria;
import dev.ferry.console.services.TestMessages;
import dev.ferry.store.Delivery;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.Settlement;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.admin.BrowseRequest;
import dev.ferry.store.admin.BulkJob;
import dev.ferry.store.admin.BulkResult;
import dev.ferry.store.admin.MessagePage;
import dev.ferry.store.admin.ReplayOptions;
import dev.ferry.store.admin.Selection;
import dev.ferry.store.admin.SortColumn;
import dev.ferry.store.config.FerryConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: measures the console's work on a big queue (first page, purge, replay of dead letters) on an H2
 * file database. Run from the module after {@code mvn package}:
 * <pre>
 * java -Xmx512m -cp target/test-classes:target/classes:target/lib/* dev.ferry.console.ConsoleMeasurements 1000000 100000
 * java -Xmx512m -cp …  dev.ferry.console.ConsoleMeasurements pages 1000000     # first pages only
 * java -Xmx512m -cp …  dev.ferry.console.ConsoleMeasurements replay 0 100000   # dead-letter replay only
 * </pre>
 */
public final class ConsoleMeasurements {

    private ConsoleMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        boolean pagesOnly = args.length > 0 && args[0].equals("pages");
        boolean replayOnly = args.length > 0 && args[0].equals("replay");
        int first = pagesOnly || replayOnly ? 1 : 0;
        int count = args.length > first ? Integer.parseInt(args[first]) : 1_000_000;
        int deadLetters = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : count;
        Path folder = Files.createTempDirectory("ferry-measure-");
        FerryConfig config = FerryConfig.of(Map.of("ferry.jdbc.url", "jdbc:h2:file:" + folder.resolve("ferry")));
        ConsoleUser operator = ConsoleUser.operator("measure");
        try (MessageStore store = MessageStores.open(config)) {
            ConsoleServices services = new ConsoleServices(store, new ConsoleSettings(false), null);
            Destination big = store.createDestinationIfAbsent("big", DestinationKind.QUEUE);
            store.createDestinationIfAbsent("DLQ", DestinationKind.QUEUE);
            long started;
            if (!replayOnly) {
                started = System.nanoTime();
                fill(store, big, count);
                report("filled %,d messages", count, started);
                firstPages(services, operator, big, "queue of " + count);
                if (pagesOnly) {
                    return;
                }
                measureJob("purge of the queue", () -> services.delete(operator, Selection.all(big.queueId())));
            }

            fill(store, big, deadLetters);
            started = System.nanoTime();
            deadLetterAll(store, big);
            report("dead-lettered %,d messages (claim and settle, batches of 1,000)", deadLetters, started);
            long dlq = store.findDestination("DLQ", DestinationKind.QUEUE).orElseThrow().queueId();
            measureJob("replay of all dead letters", () ->
                    services.replayDeadLetters(operator, Selection.all(dlq), ReplayOptions.TO_ORIGIN));
            firstPages(services, operator, big, "queue of " + deadLetters + " replayed messages");
        }
    }

    private static void fill(MessageStore store, Destination queue, int count) {
        MessageRecord record = TestMessages.record(true, "{\"order\":1,\"region\":\"north\"}", "c-1", "order", 4,
                Map.of("region", "north"));
        int batch = 10_000;
        for (int sent = 0; sent < count; sent += batch) {
            UnitOfWork work = new UnitOfWork();
            for (int i = 0; i < Math.min(batch, count - sent); i++) {
                work.send(queue.id(), record);
            }
            store.commit(work);
        }
    }

    private static void deadLetterAll(MessageStore store, Destination queue) {
        while (true) {
            List<Delivery> claimed = store.claim(queue.queueId(), 1_000);
            if (claimed.isEmpty()) {
                return;
            }
            List<Settlement> settlements = new ArrayList<>(claimed.size());
            for (Delivery delivery : claimed) {
                settlements.add(new Settlement.DeadLetter(delivery.deliveryId(), "DLQ", "measurement"));
            }
            store.settle(settlements);
        }
    }

    private static void firstPages(ConsoleServices services, ConsoleUser user, Destination queue, String what)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            MessagePage page = services.browse(user, BrowseRequest.firstPage(queue.queueId(), 50));
            report("first page (50 rows) of the " + what + ", try %d", i + 1, started);
            if (page.messages().size() != 50) {
                throw new IllegalStateException("expected a full page, got " + page.messages().size());
            }
            started = System.nanoTime();
            services.browse(user, BrowseRequest.firstPage(queue.queueId(), 50).after(page.next()));
            report("next page of the " + what + ", try %d", i + 1, started);
        }
        for (SortColumn sort : SortColumn.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                long began = System.nanoTime();
                MessagePage page = services.browse(user, new BrowseRequest(queue.queueId(), null, sort, descending,
                        null, null, 50, BrowseRequest.DEFAULT_SCAN_LIMIT));
                report("first page of the " + what + " by " + sort + (descending ? " descending" : "") + " (%d rows)",
                        page.messages().size(), began);
            }
        }
        long started = System.nanoTime();
        MessagePage filtered = services.browse(user, BrowseRequest.firstPage(queue.queueId(), 50).withFilter(
                FilterCriteria.selector("region = 'north'").toStoreFilter(services.inspector())));
        report("first page of the " + what + " with selector region = 'north' (%d rows)", filtered.messages().size(),
                started);
    }

    private interface JobStarter {
        BulkJob start();
    }

    private static void measureJob(String what, JobStarter starter) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        BulkResult result = starter.start().await(Duration.ofHours(2));
        long millis = (System.nanoTime() - started) / 1_000_000;
        sampler.interrupt();
        System.out.printf("%s: %,d messages in %,d ms (%s); heap before %,d MiB, peak %,d MiB (max heap %,d MiB)%n",
                what, result.touched(), millis, result.succeeded() ? "completed" : "NOT completed: " + result,
                baseline >> 20, peak.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
    }

    private static void report(String format, long value, long startedNanos) {
        System.out.printf(format + ": %,d ms%n", value, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
