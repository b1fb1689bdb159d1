package dev.ferry.bench.workload;

import dev.ferry.bench.measure.HeapWatcher;
import jakarta.jms.ConnectionFactory;

import java.util.List;

/**
 * A deep queue: one JVM fills it with persistent messages and stops; a second JVM, started on the same
 * store, drains it with four consumers. The drain JVM's peak heap shows what the provider keeps in memory
 * for a backlog it did not produce, including what it loads when it opens the store.
 */
final class Backlog {

    static final String FILL = "fill";
    static final String DRAIN = "drain";

    private static final int FILL_PRODUCERS = 2;
    private static final int FILL_BATCH = 500;
    private static final int DRAIN_CONSUMERS = 4;
    private static final int DRAIN_BATCH = 100;

    private final int messageSize;

    Backlog(int messageSize) {
        this.messageSize = messageSize;
    }

    Outcome run(ConnectionFactory factory, String queueName, WorkloadSettings settings, HeapWatcher heap)
            throws Exception {
        return switch (settings.phase()) {
            case FILL -> fill(factory, queueName, settings);
            case DRAIN -> drain(factory, queueName, settings, heap);
            default -> throw new IllegalArgumentException("backlog phase must be '" + FILL + "' or '" + DRAIN
                    + "', got '" + settings.phase() + "'");
        };
    }

    private Outcome fill(ConnectionFactory factory, String queueName, WorkloadSettings settings) throws Exception {
        QueueThroughput producers = new QueueThroughput(FILL_PRODUCERS, 0, true, FILL_BATCH, messageSize);
        SendBudget budget = SendBudget.countWithin(settings.backlog(), settings.fillBudget());
        long start = System.nanoTime();
        long filled = producers.fill(factory, queueName, budget, settings.completionTimeout());
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome().metric("filled", filled)
                .metric("requested", settings.backlog())
                .metric("fillMsgsPerSec", QueueThroughput.round(filled / seconds))
                .metric("fillStoppedByBudget", !budget.countReached());
    }

    private Outcome drain(ConnectionFactory factory, String queueName, WorkloadSettings settings, HeapWatcher heap)
            throws Exception {
        if (settings.backlogExpected() <= 0) {
            throw new IllegalArgumentException("the drain needs the number of queued messages (backlogExpected)");
        }
        QueueThroughput consumers = new QueueThroughput(DRAIN_CONSUMERS, DRAIN_CONSUMERS, true, DRAIN_BATCH,
                messageSize);
        Outcome outcome = new Outcome();
        long heapAfterOpen = heap.peakSinceStart();
        SendBudget warmup = settings.warmupBudget();
        if (warmup != null) {
            QueueThroughput.Pass pass = consumers.pass(factory, queueName + ".warmup", warmup,
                    settings.completionTimeout());
            outcome.metric("warmupMessages", pass.messages()).checks(List.of(pass.check()));
        }
        heap.mark();
        QueueThroughput.Pass drained = consumers.drain(factory, queueName, settings.backlogExpected(),
                settings.completionTimeout());
        return outcome.metric("drainMsgsPerSec", QueueThroughput.round(drained.perSecond()))
                .metric("messages", drained.messages())
                .metric("elapsedMillis", drained.elapsedNanos() / 1_000_000)
                .metric("peakHeapBytes", heap.peakSinceStart())
                .metric("peakHeapDuringDrainBytes", heap.peakSinceMark())
                .metric("peakLiveHeapBytes", heap.peakLiveAfterGc())
                .metric("peakHeapBeforeDrainBytes", heapAfterOpen)
                .checks(List.of(drained.check()));
    }
}
