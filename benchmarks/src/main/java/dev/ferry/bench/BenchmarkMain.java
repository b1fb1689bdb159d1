package dev.ferry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.bench.harness.BenchmarkOptions;
import dev.ferry.bench.harness.ChildLauncher;
import dev.ferry.bench.harness.Harness;
import dev.ferry.bench.harness.Summary;
import dev.ferry.bench.measure.FsyncProbe;
import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.Workload;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code java -jar ferry-benchmarks.jar [options]}: measures the disk's fsync rate, runs every provider ×
 * workload in its own JVM, prints a Markdown table and writes it with the raw JSON under
 * {@code benchmarks/results/<timestamp>/}. Exits 1 when a run failed (lost or repeated a message, crashed,
 * timed out), 2 on a bad command line.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    static boolean run(BenchmarkOptions options) throws IOException, InterruptedException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path resultsDir = options.resultsDir() != null ? options.resultsDir() : defaultResultsDir();
        Path runDir = Files.createDirectories(resultsDir.resolve(stamp));
        Path dataRoot = Files.createDirectories((options.dataRoot() != null ? options.dataRoot()
                : Path.of(System.getProperty("java.io.tmpdir"))).resolve("ferry-bench-" + stamp));
        try {
            System.err.println("Ferry benchmark: " + Provider.ids(options.providers()) + " × "
                    + String.join(", ", options.workloads().stream().map(Workload::id).toList()) + ", "
                    + options.rounds() + " round(s); results in " + runDir);
            FsyncProbe.Rate fsync = FsyncProbe.measure(dataRoot, Duration.ofSeconds(options.quick() ? 1 : 3), 50_000);
            System.err.printf(Locale.ROOT, "fsync rate under %s: %,.0f/s (mean %.0f µs)%n", dataRoot,
                    fsync.perSecond(), fsync.meanMicros());

            long start = System.nanoTime();
            Harness harness = new Harness(options, new ChildLauncher(options.childHeap()), dataRoot, runDir,
                    System.err::println);
            List<Harness.Run> runs = harness.runAll();
            double minutes = (System.nanoTime() - start) / 6e10;

            Summary summary = Summary.of(options.workloads(), options.providers(), runs);
            Map<String, Object> machine = machine(dataRoot);
            String markdown = header(options, harness.roundsRun(), harness.fillBudgetUsed(), fsync, machine, stamp,
                    minutes) + "\n"
                    + summary.markdown();
            System.out.println(markdown);
            Files.writeString(runDir.resolve("summary.md"), markdown, StandardCharsets.UTF_8);
            writeJson(runDir.resolve("results.json"), options, harness.roundsRun(), fsync, machine, summary, runs,
                    minutes);
            System.err.println("written: " + runDir.resolve("summary.md") + ", " + runDir.resolve("results.json"));
            return !summary.anyFailed();
        } finally {
            if (!options.keepData()) {
                deleteTree(dataRoot);
            }
        }
    }

    private static String header(BenchmarkOptions options, int roundsRun, Duration fillBudget, FsyncProbe.Rate fsync,
                                 Map<String, Object> machine, String stamp, double minutes) {
        StringBuilder md = new StringBuilder("## Ferry JMS benchmark " + stamp + "\n\n");
        md.append("- machine: ").append(machine.get("processors")).append(" cores, ")
                .append(String.format(Locale.ROOT, "%.1f GiB",
                        ((Number) machine.get("memoryBytes")).doubleValue() / (1L << 30)))
                .append(", ").append(machine.get("os")).append(", Java ").append(machine.get("java"))
                .append("; data directories on ").append(machine.get("dataFileSystem")).append('\n');
        md.append(String.format(Locale.ROOT, "- fsync limit: %,.0f syncs/s (serial 4 KiB write + fdatasync, mean "
                        + "%.0f µs): no synchronous persistent send returns faster unless several share one flush%n",
                fsync.perSecond(), fsync.meanMicros()));
        String size = options.settings().countMode()
                ? options.settings().messages() + " messages per run"
                : "warm-up " + options.settings().warmup().toSeconds() + " s, measured "
                        + options.settings().measure().toSeconds() + " s per run";
        String rounds = roundsRun < options.rounds()
                ? roundsRun + " of " + options.rounds() + " rounds (time budget)" : options.rounds() + " round(s)";
        md.append("- ").append(rounds)
                .append(", providers interleaved, each run in a fresh JVM ")
                .append("(-Xmx").append(options.childHeap()).append(") with a fresh data directory; ").append(size)
                .append("; ");
        if (fillBudget != null) {
            md.append("backlog up to ").append(String.format(Locale.ROOT, "%,d", options.settings().backlog()))
                    .append(" messages or ").append(fillBudget.toSeconds()).append(" s of filling, ")
                    .append(options.backlogRounds()).append(" round; ");
        }
        md.append("1 KiB bodies (fan-out: 256 B)\n");
        md.append(String.format(Locale.ROOT, "- wall time %.1f min%n", minutes));
        return md.toString();
    }

    private static Map<String, Object> machine(Path dataRoot) throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        long memory = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : -1;
        machine.put("memoryBytes", memory);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", Runtime.version().toString() + " (" + System.getProperty("java.vendor") + ")");
        FileStore store = Files.getFileStore(dataRoot);
        machine.put("dataFileSystem", dataRoot + " (" + store.type() + " " + store.name() + ")");
        return machine;
    }

    private static void writeJson(Path file, BenchmarkOptions options, int roundsRun, FsyncProbe.Rate fsync,
                                  Map<String, Object> machine, Summary summary, List<Harness.Run> runs,
                                  double minutes) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("providers", options.providers().stream().map(Provider::id).toList());
        settings.put("workloads", options.workloads().stream().map(Workload::id).toList());
        settings.put("rounds", options.rounds());
        settings.put("roundsRun", roundsRun);
        settings.put("backlogRounds", options.backlogRounds());
        settings.put("childHeap", options.childHeap());
        settings.put("workload", options.settings().toArguments());
        json.put("options", settings);
        json.put("fsync", fsync);
        json.put("wallMinutes", minutes);
        json.put("summary", summary.rows());
        json.put("problems", summary.problems());
        json.put("runs", runs);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    /** {@code benchmarks/results} next to the jar's {@code target} folder, else {@code ./benchmark-results}. */
    private static Path defaultResultsDir() {
        try {
            Path code = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path module = code.getParent() == null ? null : code.getParent().getParent();
            if (module != null && Files.exists(module.resolve("pom.xml"))) {
                return module.resolve("results");
            }
        } catch (Exception ignored) {
            // fall through to the working directory
        }
        return Path.of("benchmark-results");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
