package dev.ferry.bench.harness;

import dev.ferry.bench.child.RunResult;
import dev.ferry.bench.provider.Durability;
import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The medians over the rounds of every provider × workload, their Markdown table, and the ratio of
 * Ferry's median to each peer's.
 */
public final class Summary {

    /** The number compared across providers, and whether more of it is better. */
    public record Headline(String metric, boolean higherIsBetter) {
    }

    /** One provider × workload over all its rounds. */
    public record Row(String workload, String provider, int ok, int unsupported, int failed,
                      Map<String, Double> medians, Double min, Double max, Durability durability) {

        public Double headline(Headline headline) {
            return medians.get(headline.metric());
        }
    }

    private final List<Row> rows;
    private final List<Problem> problems;

    /** A run that produced no numbers, with the reason. */
    public record Problem(String workload, String provider, String phase, int round, String status, String message) {
    }

    private Summary(List<Row> rows, List<Problem> problems) {
        this.rows = rows;
        this.problems = problems;
    }

    public static Headline headline(Workload workload) {
        return switch (workload) {
            case Q_1X1, Q_TX_4X4, TOPIC_FANOUT_1X4 -> new Headline("msgsPerSec", true);
            case LATENCY -> new Headline("p99Micros", false);
            case BACKLOG_1M -> new Headline("drainMsgsPerSec", true);
        };
    }

    public static Summary of(List<Workload> workloads, List<Provider> providers, List<Harness.Run> runs) {
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Harness.Run run : runs) {
            RunResult result = run.result();
            if (!result.ok()) {
                problems.add(new Problem(result.workload(), result.provider(), result.phase(), run.round(),
                        result.status(), result.message()));
            }
        }
        for (Workload workload : workloads) {
            Headline headline = headline(workload);
            for (Provider provider : providers) {
                List<RunResult> results = runs.stream().map(Harness.Run::result)
                        .filter(r -> workload.id().equals(r.workload()) && provider.id().equals(r.provider()))
                        // a backlog is one fill and one drain: the drain carries the numbers
                        .filter(r -> !workload.twoPhases() || "drain".equals(r.phase()) || !r.ok())
                        .toList();
                if (results.isEmpty()) {
                    continue;
                }
                int ok = (int) results.stream().filter(RunResult::ok).count();
                int unsupported = (int) results.stream().filter(r -> RunResult.UNSUPPORTED.equals(r.status())).count();
                int failed = results.size() - ok - unsupported;
                Map<String, List<Double>> values = new TreeMap<>();
                for (RunResult result : results) {
                    if (result.ok()) {
                        result.metrics().forEach((name, value) -> {
                            if (value instanceof Number number) {
                                values.computeIfAbsent(name, k -> new ArrayList<>()).add(number.doubleValue());
                            }
                        });
                    }
                }
                Map<String, Double> medians = new LinkedHashMap<>();
                values.forEach((name, list) -> medians.put(name, median(list)));
                List<Double> headlineValues = values.getOrDefault(headline.metric(), List.of());
                Durability durability = runs.stream().map(Harness.Run::result)
                        .filter(r -> provider.id().equals(r.provider())).map(RunResult::durability)
                        .filter(Objects::nonNull).findFirst().orElse(null);
                rows.add(new Row(workload.id(), provider.id(), ok, unsupported, failed, medians,
                        headlineValues.stream().min(Double::compare).orElse(null),
                        headlineValues.stream().max(Double::compare).orElse(null), durability));
            }
        }
        return new Summary(rows, problems);
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Problem> problems() {
        return problems;
    }

    public boolean anyFailed() {
        return problems.stream().anyMatch(p -> RunResult.FAILED.equals(p.status()));
    }

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take the median of");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Ferry's median divided by the peer's, for the workload's headline number; null when either is missing. */
    public Double ratio(String workload, String ferry, String peer) {
        Headline headline = headline(Workload.byId(workload));
        Double ferryValue = find(workload, ferry).map(r -> r.headline(headline)).orElse(null);
        Double peerValue = find(workload, peer).map(r -> r.headline(headline)).orElse(null);
        if (ferryValue == null || peerValue == null || peerValue == 0) {
            return null;
        }
        return ferryValue / peerValue;
    }

    private java.util.Optional<Row> find(String workload, String provider) {
        return rows.stream().filter(r -> r.workload().equals(workload) && r.provider().equals(provider)).findFirst();
    }

    /** The results table, the durability of each provider, and every run without numbers. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| workload | provider | store reached on return | result (median) | spread | runs ok "
                + "| Ferry-H2 ÷ peer | Ferry-PG ÷ peer |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Headline headline = headline(Workload.byId(row.workload()));
            boolean ferry = Provider.byId(row.provider()).isFerry();
            md.append("| ").append(row.workload())
                    .append(" | ").append(row.provider())
                    .append(" | ").append(row.durability() == null ? "?" : row.durability().level())
                    .append(" | ").append(row.ok() == 0 ? outcomeWord(row) : result(row))
                    .append(" | ").append(row.min() == null ? "" : spread(row, headline))
                    .append(" | ").append(runs(row))
                    .append(" | ").append(ferry ? "" : ratioText(ratio(row.workload(), "ferry-h2", row.provider())))
                    .append(" | ").append(ferry ? "" : ratioText(ratio(row.workload(), "ferry-pg", row.provider())))
                    .append(" |\n");
        }
        md.append("\nRatios are Ferry's median ÷ the peer's median of the headline number: msg/s (above 1 = Ferry ")
                .append("faster) and, for `latency`, p99 (below 1 = Ferry faster). Compare like durability: ")
                .append("Ferry-H2 with `activemq-jdbc-h2`, Ferry-PG with `artemis` and `activemq`.\n");

        md.append("\n| provider | a persistent send / commit has reached, when it returns "
                + "| read from the running store |\n");
        md.append("|---|---|---|\n");
        Map<String, Durability> durabilities = new LinkedHashMap<>();
        rows.forEach(row -> durabilities.putIfAbsent(row.provider(), row.durability()));
        durabilities.forEach((provider, durability) -> md.append("| ").append(provider).append(" | ")
                .append(durability == null ? "unknown (no run started)" : levelText(durability.level()))
                .append(" | ").append(durability == null ? "" : durability.statement()).append(" |\n"));

        if (!problems.isEmpty()) {
            md.append("\nRuns without numbers:\n\n");
            for (Problem problem : problems) {
                md.append("- ").append(problem.workload())
                        .append(problem.phase().isEmpty() ? "" : " " + problem.phase())
                        .append(" · ").append(problem.provider()).append(" · round ").append(problem.round())
                        .append(": **").append(problem.status()).append("** — ")
                        .append(shorten(problem.message(), 400)).append('\n');
            }
        }
        return md.toString();
    }

    private static String result(Row row) {
        Map<String, Double> m = row.medians();
        return switch (Workload.byId(row.workload())) {
            case Q_1X1, Q_TX_4X4 -> rate(m.get("msgsPerSec")) + " msg/s";
            case TOPIC_FANOUT_1X4 -> rate(m.get("msgsPerSec")) + " msg/s (" + rate(m.get("deliveriesPerSec"))
                    + " deliveries/s)";
            case LATENCY -> "p50 " + millis(m.get("p50Micros")) + " · p99 " + millis(m.get("p99Micros"))
                    + " · max " + millis(m.get("maxMicros")) + " at " + rate(m.get("achievedRate")) + "/s of "
                    + rate(m.get("targetRate")) + "/s";
            case BACKLOG_1M -> rate(m.get("drainMsgsPerSec")) + " msg/s drained · peak heap "
                    + mebibytes(m.get("peakHeapBytes")) + (m.get("peakLiveHeapBytes") == null ? ""
                    : " (live after GC " + mebibytes(m.get("peakLiveHeapBytes")) + ")") + " · "
                    + rate(m.get("messages")) + " msgs";
        };
    }

    private static String spread(Row row, Headline headline) {
        if (row.ok() < 2) {
            return "";
        }
        return headline.metric().endsWith("Micros")
                ? millis(row.min()) + " – " + millis(row.max())
                : rate(row.min()) + " – " + rate(row.max());
    }

    private static String runs(Row row) {
        int total = row.ok() + row.unsupported() + row.failed();
        StringBuilder text = new StringBuilder().append(row.ok()).append('/').append(total);
        if (row.failed() > 0) {
            text.append(" (").append(row.failed()).append(" failed)");
        }
        return text.toString();
    }

    private static String outcomeWord(Row row) {
        return row.unsupported() > 0 && row.failed() == 0 ? "unsupported" : "**failed**";
    }

    static String levelText(String level) {
        return switch (level) {
            case Durability.DISK -> "the disk (fsync before returning)";
            case Durability.OS -> "the OS page cache only (no fsync)";
            case Durability.MEMORY -> "the JVM only; the OS shortly after, never fsynced per commit";
            default -> "unknown";
        };
    }

    static String ratioText(Double ratio) {
        return ratio == null ? "—" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String rate(Double value) {
        if (value == null) {
            return "?";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String millis(Double micros) {
        if (micros == null) {
            return "?";
        }
        double ms = micros / 1000;
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String mebibytes(Double bytes) {
        return bytes == null ? "?" : String.format(Locale.ROOT, "%,.0f MiB", bytes / (1 << 20));
    }

    /** One line for the progress output of a finished child. */
    static String brief(RunResult result) {
        if (!result.ok()) {
            return result.status().toUpperCase(Locale.ROOT) + ": " + shorten(result.message(), 200);
        }
        Map<String, Object> m = result.metrics();
        if (m.containsKey("p99Micros")) {
            return "p99 " + millis(result.metric("p99Micros")) + " at " + rate(result.metric("achievedRate")) + "/s";
        }
        if (m.containsKey("drainMsgsPerSec")) {
            return rate(result.metric("drainMsgsPerSec")) + " msg/s drained, peak heap "
                    + mebibytes(result.metric("peakHeapBytes")) + (m.containsKey("peakLiveHeapBytes")
                    ? " (live after GC " + mebibytes(result.metric("peakLiveHeapBytes")) + ")" : "");
        }
        if (m.containsKey("filled")) {
            return rate(result.metric("filled")) + " queued at " + rate(result.metric("fillMsgsPerSec")) + " msg/s";
        }
        return rate(result.metric("msgsPerSec")) + " msg/s";
    }

    static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
