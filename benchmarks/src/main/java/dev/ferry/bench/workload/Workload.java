package dev.ferry.bench.workload;

import dev.ferry.bench.measure.HeapWatcher;
import jakarta.jms.ConnectionFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The workloads, by the names used on the command line and in the results. Only {@code jakarta.jms} inside. */
public enum Workload {

    /** One producer, one consumer, persistent synchronous sends, AUTO_ACKNOWLEDGE. */
    Q_1X1("q-1x1", "msg/s") {
        @Override
        Outcome execute(ConnectionFactory factory, WorkloadSettings settings, HeapWatcher heap) throws Exception {
            return new QueueThroughput(1, 1, false, 1, KIB).run(factory, "bench.q-1x1", settings);
        }
    },
    /** Four producers, four consumers, persistent, transacted, a commit every 100 messages. */
    Q_TX_4X4("q-tx-4x4", "msg/s") {
        @Override
        Outcome execute(ConnectionFactory factory, WorkloadSettings settings, HeapWatcher heap) throws Exception {
            return new QueueThroughput(4, 4, true, 100, KIB).run(factory, "bench.q-tx-4x4", settings);
        }
    },
    /** One publisher, four non-durable subscribers, non-persistent 256-byte messages. */
    TOPIC_FANOUT_1X4("topic-fanout-1x4", "msg/s") {
        @Override
        Outcome execute(ConnectionFactory factory, WorkloadSettings settings, HeapWatcher heap) throws Exception {
            return new TopicFanout(4, 256).run(factory, "bench.fanout", settings);
        }
    },
    /** Persistent sends at a fixed rate; end-to-end latency percentiles and the rate achieved. */
    LATENCY("latency", "µs p99") {
        @Override
        Outcome execute(ConnectionFactory factory, WorkloadSettings settings, HeapWatcher heap) throws Exception {
            return new FixedRateLatency(KIB).run(factory, "bench.latency", settings);
        }
    },
    /** A deep queue filled in one JVM, drained by four consumers in another. */
    BACKLOG_1M("backlog-1m", "msg/s drained") {
        @Override
        Outcome execute(ConnectionFactory factory, WorkloadSettings settings, HeapWatcher heap) throws Exception {
            return new Backlog(KIB).run(factory, "bench.backlog", settings, heap);
        }
    };

    private static final int KIB = 1024;

    private final String id;
    private final String unit;

    Workload(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    abstract Outcome execute(ConnectionFactory factory, WorkloadSettings settings, HeapWatcher heap) throws Exception;

    /**
     * Runs the workload and checks that every receiver got every message exactly once.
     *
     * @throws UnsupportedByProvider when the provider refuses a feature the workload needs
     * @throws DeliveryCheckFailed   when a message was lost, repeated or invented
     */
    public Outcome run(ConnectionFactory factory, WorkloadSettings settings, HeapWatcher heap) throws Exception {
        Outcome outcome = execute(factory, settings, heap);
        if (this == BACKLOG_1M && Backlog.FILL.equals(settings.phase())) {
            return outcome; // checked by the drain, which receives what the fill sent
        }
        return outcome.requireExactlyOnce();
    }

    /** The backlog is filled and drained in two JVMs; every other workload runs in one. */
    public boolean twoPhases() {
        return this == BACKLOG_1M;
    }

    public static Workload byId(String id) {
        for (Workload workload : values()) {
            if (workload.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: "
                + String.join(", ", all().stream().map(Workload::id).toList()));
    }

    public static List<Workload> all() {
        return Arrays.asList(values());
    }
}
