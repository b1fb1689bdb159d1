package dev.ferry.bench.harness;

import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.Workload;
import dev.ferry.bench.workload.WorkloadSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of {@code java -jar ferry-benchmarks.jar}. The defaults are a full run sized to finish in
 * under 15 minutes on a 2-core machine; {@code --quick} is a one-round run of about two minutes.
 */
public record BenchmarkOptions(List<Provider> providers, List<Workload> workloads, int rounds, int backlogRounds,
                               WorkloadSettings settings, String childHeap, boolean jfr, boolean keepData,
                               Path resultsDir, Path dataRoot, boolean quick, Duration timeBudget,
                               Map<String, String> ferrySettings) {

    public static final String USAGE = """
            Usage: java -jar ferry-benchmarks.jar [options]
              --quick                one round, short passes, a 20,000-message backlog
              --rounds N             rounds of every workload, providers interleaved (default 3)
              --providers a,b        of: ferry-h2, ferry-pg, artemis, activemq, activemq-jdbc-h2 (default all)
              --workloads a,b        of: q-1x1, q-tx-4x4, topic-fanout-1x4, latency, backlog-1m (default all)
              --warmup SECONDS       warm-up per run (default 1)
              --duration SECONDS     measured time per run (default 4)
              --messages N           fixed message count per run instead of a duration
              --backlog N            messages queued before the drain (default 1000000)
              --backlog-fill-budget SECONDS
                                     longest the backlog fill may take; it stops early with fewer (default 60)
              --time-budget MINUTES  fewer rounds and a shorter backlog fill when the run would not fit
                                     otherwise (default 14; quick 5)
              --latency-rate N       sends per second of the latency workload (default 500)
              --child-heap SIZE      -Xmx of each provider JVM (default 1g)
              --ferry KEY=VALUE      a ferry.* setting for the Ferry providers' brokers, for A/B runs
                                     (repeatable; e.g. --ferry ferry.consumer.prefetch=100)
              --jfr                  record JFR profiles (CPU, allocation, locks) of Ferry's JVMs
              --keep-data            keep each run's data directory
              --results DIR          where results are written (default benchmarks/results)
              --data-dir DIR         where the providers' data directories are made (default: system temp)
              --help
            """;

    public static BenchmarkOptions parse(String... args) {
        List<Provider> providers = Provider.all();
        List<Workload> workloads = Workload.all();
        boolean quick = false;
        Integer rounds = null;
        Long warmupSeconds = null;
        Long durationSeconds = null;
        long messages = 0;
        Long backlog = null;
        Long fillBudgetSeconds = null;
        Long budgetMinutes = null;
        int latencyRate = WorkloadSettings.FULL.latencyRate();
        String childHeap = "1g";
        boolean jfr = false;
        boolean keepData = false;
        Path results = null;
        Path dataRoot = null;
        Map<String, String> ferrySettings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--jfr" -> jfr = true;
                case "--keep-data" -> keepData = true;
                case "--rounds" -> rounds = (int) positive(arg, value(args, ++i, arg));
                case "--providers" -> providers = list(value(args, ++i, arg)).stream().map(Provider::byId).toList();
                case "--workloads" -> workloads = list(value(args, ++i, arg)).stream().map(Workload::byId).toList();
                case "--warmup" -> warmupSeconds = notNegative(arg, value(args, ++i, arg));
                case "--duration" -> durationSeconds = positive(arg, value(args, ++i, arg));
                case "--messages" -> messages = positive(arg, value(args, ++i, arg));
                case "--backlog" -> backlog = positive(arg, value(args, ++i, arg));
                case "--backlog-fill-budget" -> fillBudgetSeconds = positive(arg, value(args, ++i, arg));
                case "--time-budget" -> budgetMinutes = positive(arg, value(args, ++i, arg));
                case "--latency-rate" -> latencyRate = (int) positive(arg, value(args, ++i, arg));
                case "--child-heap" -> childHeap = heap(value(args, ++i, arg));
                case "--results" -> results = Path.of(value(args, ++i, arg));
                case "--data-dir" -> dataRoot = Path.of(value(args, ++i, arg));
                case "--ferry" -> ferrySetting(value(args, ++i, arg), ferrySettings);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        if (providers.isEmpty() || workloads.isEmpty()) {
            throw new IllegalArgumentException("--providers and --workloads need at least one name each");
        }
        WorkloadSettings base = WorkloadSettings.FULL;
        Duration warmup = warmupSeconds != null ? Duration.ofSeconds(warmupSeconds)
                : quick ? Duration.ofSeconds(1) : base.warmup();
        Duration measure = durationSeconds != null ? Duration.ofSeconds(durationSeconds)
                : quick ? Duration.ofSeconds(2) : base.measure();
        long backlogSize = backlog != null ? backlog : quick ? 20_000 : base.backlog();
        Duration fillBudget = fillBudgetSeconds != null ? Duration.ofSeconds(fillBudgetSeconds)
                : quick ? Duration.ofSeconds(30) : base.fillBudget();
        WorkloadSettings settings = new WorkloadSettings(messages, messages > 0 ? Math.max(1, messages / 4) : 0,
                warmup, measure, latencyRate, backlogSize, fillBudget, base.completionTimeout(), "", -1);
        int roundCount = rounds != null ? rounds : quick ? 1 : 3;
        Duration timeBudget = Duration.ofMinutes(budgetMinutes != null ? budgetMinutes : quick ? 5 : 14);
        return new BenchmarkOptions(providers, workloads, roundCount, 1, settings, childHeap, jfr, keepData,
                results, dataRoot, quick, timeBudget, Map.copyOf(ferrySettings));
    }

    private static void ferrySetting(String text, Map<String, String> settings) {
        int equals = text.indexOf('=');
        if (!text.startsWith("ferry.") || equals < 0) {
            throw new IllegalArgumentException("--ferry takes ferry.<name>=<value>, got '" + text + "'");
        }
        settings.put(text.substring(0, equals).trim(), text.substring(equals + 1).trim());
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static List<String> list(String text) {
        List<String> names = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                names.add(part.trim());
            }
        }
        return names;
    }

    private static long positive(String option, String text) {
        long value = number(option, text);
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + text);
        }
        return value;
    }

    private static long notNegative(String option, String text) {
        long value = number(option, text);
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative, got " + text);
        }
        return value;
    }

    private static long number(String option, String text) {
        try {
            return Long.parseLong(text.replace("_", "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'", e);
        }
    }

    private static String heap(String text) {
        if (!text.toLowerCase(Locale.ROOT).matches("\\d+[kmg]?")) {
            throw new IllegalArgumentException("--child-heap takes a -Xmx size such as 512m or 1g, got '" + text + "'");
        }
        return text;
    }
}
