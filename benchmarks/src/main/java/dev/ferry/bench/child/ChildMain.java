package dev.ferry.bench.child;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.bench.measure.HeapWatcher;
import dev.ferry.bench.provider.BrokerUnderTest;
import dev.ferry.bench.provider.Durability;
import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.DeliveryCheckFailed;
import dev.ferry.bench.workload.Outcome;
import dev.ferry.bench.workload.UnsupportedByProvider;
import dev.ferry.bench.workload.Workload;
import dev.ferry.bench.workload.WorkloadSettings;
import jakarta.jms.Connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One provider × one workload in a JVM of its own:
 * {@code ChildMain <provider> <workload> <data-dir> key=value…}. Prints one {@link RunResult} line and exits
 * with 0 when the run was measured (or the feature is unsupported), 1 when it failed.
 */
public final class ChildMain {

    private static final long CLOSE_TIMEOUT_SECONDS = 60;

    private ChildMain() {
    }

    public static void main(String[] args) {
        HeapWatcher heap = HeapWatcher.start();
        // Hibernate logs through java.util.logging when no other backend is bound: warnings only, like the rest
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        RunResult result;
        try {
            result = run(args, heap);
        } catch (Throwable t) {
            String provider = args.length > 0 ? args[0] : "?";
            String workload = args.length > 1 ? args[1] : "?";
            result = RunResult.lost(provider, workload, "", "bad child arguments: " + t);
        }
        heap.close();
        try {
            System.out.println(RunResult.MARKER + new ObjectMapper().writeValueAsString(result));
        } catch (Exception e) {
            System.out.println(RunResult.MARKER + "{\"status\":\"failed\",\"message\":\"result not serialisable\"}");
        }
        System.out.flush();
        // a provider's non-daemon threads must not keep the child alive
        System.exit(result.failed() ? 1 : 0);
    }

    /**
     * How much the store's counters grew over the run (warm-up included), in total and per message sent, e.g.
     * {@code walSyncsPerMessage}: the WAL flushes one message cost.
     */
    private static void reportStoreWork(Outcome outcome, Map<String, Long> before, Map<String, Long> after) {
        long messages = number(outcome.metrics().get("messages")) + number(outcome.metrics().get("warmupMessages"));
        for (Map.Entry<String, Long> counter : after.entrySet()) {
            Long start = before.get(counter.getKey());
            if (start == null) {
                continue;
            }
            long grown = counter.getValue() - start;
            outcome.metric(counter.getKey(), grown);
            if (messages > 0) {
                outcome.metric(counter.getKey() + "PerMessage", Math.round(grown * 1000.0 / messages) / 1000.0);
            }
        }
    }

    private static long number(Object value) {
        return value instanceof Number ? ((Number) value).longValue() : 0;
    }

    private static RunResult run(String[] args, HeapWatcher heap) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: ChildMain <provider> <workload> <data-dir> [key=value…]");
        }
        Provider provider = Provider.byId(args[0]);
        Workload workload = Workload.byId(args[1]);
        Path dataDir = Path.of(args[2]);
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + args[i] + "'");
            }
            arguments.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        WorkloadSettings settings = WorkloadSettings.fromArguments(arguments);
        Files.createDirectories(dataDir);

        String status = RunResult.OK;
        String message = null;
        Outcome outcome = null;
        Durability durability = null;
        Map<String, String> description = Map.of();
        long startMillis = -1;
        BrokerUnderTest broker = null;
        Connection anchor = null;
        try {
            long start = System.nanoTime();
            broker = provider.start(dataDir);
            // Held for the whole run, as an application holds its connections: a provider that starts its
            // engine with the first connection and stops it with the last must not restart between passes.
            anchor = broker.connectionFactory().createConnection();
            startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            description = broker.description();
            durability = probeDurability(broker);
            Map<String, Long> before = broker.storeCounters();
            outcome = workload.run(broker.connectionFactory(), settings, heap);
            reportStoreWork(outcome, before, broker.storeCounters());
        } catch (UnsupportedByProvider e) {
            status = RunResult.UNSUPPORTED;
            message = e.getMessage();
        } catch (DeliveryCheckFailed e) {
            status = RunResult.FAILED;
            message = e.getMessage();
            outcome = e.outcome();
        } catch (Throwable t) {
            status = RunResult.FAILED;
            message = describe(t);
            t.printStackTrace();
        } finally {
            if (anchor != null) {
                try {
                    anchor.close();
                } catch (Exception e) {
                    System.err.println("warning: closing the anchor connection failed: " + e);
                }
            }
            if (broker != null) {
                String closeProblem = closeWithin(broker);
                if (closeProblem != null && RunResult.OK.equals(status)) {
                    System.err.println("warning: " + closeProblem);
                }
            }
        }
        RunResult.Jvm jvm = new RunResult.Jvm(Runtime.version().toString(), heap.maxHeap(), heap.peakSinceStart(),
                heap.collections(), Runtime.getRuntime().availableProcessors());
        return new RunResult(provider.id(), workload.id(), settings.phase(), status, message, startMillis,
                outcome == null ? Map.of() : outcome.metrics(), outcome == null ? List.of() : outcome.checks(),
                durability, description, jvm);
    }

    private static Durability probeDurability(BrokerUnderTest broker) {
        try {
            return broker.durability();
        } catch (Exception e) {
            return new Durability("unknown", "could not read the store's settings: " + e);
        }
    }

    /** Closing must not hang the child; what a broker leaves running ends with the JVM. */
    private static String closeWithin(BrokerUnderTest broker) {
        Thread closer = Thread.ofPlatform().daemon().name("broker-close").start(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                System.err.println("warning: closing the provider failed: " + e);
            }
        });
        try {
            closer.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return closer.isAlive() ? "the provider did not close within " + CLOSE_TIMEOUT_SECONDS + " s" : null;
    }

    /** The exception and its causes on one line; the stack trace goes to the child's log. */
    private static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(t.toString());
        Throwable cause = t.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
