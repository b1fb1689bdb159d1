package dev.ferry.bench.harness;

import dev.ferry.bench.child.RunResult;
import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.Workload;
import dev.ferry.bench.workload.WorkloadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs every provider × workload in its own JVM with a fresh data directory, round after round with the
 * providers interleaved (A B C A B C …) so that a slow minute of the machine does not fall on one provider.
 * The backlog, being long, runs {@code backlogRounds} times after the other workloads.
 */
public final class Harness {

    private static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(120);
    private static final Duration BACKLOG_MINIMUM = Duration.ofSeconds(45);
    private static final Duration DRAIN_MINIMUM = Duration.ofSeconds(20);
    /** What starting the drain JVM and its broker on a full store takes, besides the drain itself. */
    private static final Duration DRAIN_JVM_START = Duration.ofSeconds(15);

    /** One child's result in its round, with the child's wall-clock time including JVM start. */
    public record Run(int round, RunResult result, double wallSeconds) {
    }

    private final BenchmarkOptions options;
    private final ChildLauncher launcher;
    private final Path dataRoot;
    private final Path runDir;
    private final Consumer<String> progress;
    private Duration fillBudgetUsed;
    private int roundsRun;

    public Harness(BenchmarkOptions options, ChildLauncher launcher, Path dataRoot, Path runDir,
                   Consumer<String> progress) {
        this.options = options;
        this.launcher = launcher;
        this.dataRoot = dataRoot;
        this.runDir = runDir;
        this.progress = progress;
    }

    public List<Run> runAll() throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<Run> runs = new ArrayList<>();
        List<Workload> ordinary = options.workloads().stream().filter(w -> !w.twoPhases()).toList();
        List<Workload> twoPhase = options.workloads().stream().filter(Workload::twoPhases).toList();
        roundsRun = ordinary.isEmpty() ? options.rounds() : 0;
        for (int round = 1; round <= options.rounds() && !ordinary.isEmpty(); round++) {
            for (Workload workload : ordinary) {
                for (Provider provider : options.providers()) {
                    runs.add(runOne(provider, workload, options.settings(), round));
                }
            }
            roundsRun = round;
            if (round < options.rounds() && !roomForAnotherRound(Duration.ofNanos(System.nanoTime() - start), round,
                    twoPhase.isEmpty() ? 0 : options.providers().size() * options.backlogRounds())) {
                progress.accept("stopping after round " + round + " of " + options.rounds()
                        + ": another round would overrun the " + options.timeBudget().toMinutes()
                        + "-minute time budget");
                break;
            }
        }
        if (!twoPhase.isEmpty()) {
            int backlogRuns = options.providers().size() * options.backlogRounds() * twoPhase.size();
            Duration left = options.timeBudget().minus(Duration.ofNanos(System.nanoTime() - start));
            Duration fillBudget = fillBudget(left, backlogRuns);
            fillBudgetUsed = fillBudget;
            int runsLeft = backlogRuns;
            for (int round = 1; round <= options.backlogRounds(); round++) {
                for (Workload workload : twoPhase) {
                    for (Provider provider : options.providers()) {
                        Duration share = options.timeBudget().minus(Duration.ofNanos(System.nanoTime() - start))
                                .dividedBy(runsLeft--);
                        runs.addAll(runBacklog(provider, workload, round, fillBudget, share));
                    }
                }
            }
        }
        return runs;
    }

    private Run runOne(Provider provider, Workload workload, WorkloadSettings settings, int round)
            throws IOException, InterruptedException {
        String name = provider.id() + "-" + workload.id() + "-r" + round;
        Path dataDir = dataRoot.resolve(name);
        Duration timeout = STARTUP_ALLOWANCE.plus(settings.warmup()).plus(settings.measure().multipliedBy(3))
                .plus(settings.completionTimeout().multipliedBy(2));
        Run run = launch(provider, workload, settings, dataDir, name, profile(provider, workload, name), timeout,
                round);
        delete(dataDir);
        return run;
    }

    /**
     * Fill in one JVM, drain in another on the same store. The drain may take what is left of this run's share of
     * the time budget after the fill (never less than {@link #DRAIN_MINIMUM}); a provider that cannot drain its
     * backlog in that time fails the run, with the count it drained.
     */
    private List<Run> runBacklog(Provider provider, Workload workload, int round, Duration fillBudget, Duration share)
            throws IOException, InterruptedException {
        String name = provider.id() + "-" + workload.id() + "-r" + round;
        Path dataDir = dataRoot.resolve(name);
        WorkloadSettings base = options.settings();
        WorkloadSettings fill = new WorkloadSettings(base.messages(), base.warmupMessages(), base.warmup(),
                base.measure(), base.latencyRate(), base.backlog(), fillBudget, base.completionTimeout(), "fill", -1);
        Duration fillTimeout = STARTUP_ALLOWANCE.plus(fill.fillBudget()).plus(fill.completionTimeout());
        Run filled = launch(provider, workload, fill, dataDir, name + "-fill", profile(provider, workload,
                name + "-fill"), fillTimeout, round);
        List<Run> runs = new ArrayList<>(List.of(filled));
        long queued = (long) filled.result().metric("filled");
        if (filled.result().ok() && queued > 0) {
            Duration drainLimit = drainLimit(share, Duration.ofNanos((long) (filled.wallSeconds() * 1e9)));
            WorkloadSettings drain = new WorkloadSettings(fill.messages(), fill.warmupMessages(), fill.warmup(),
                    fill.measure(), fill.latencyRate(), fill.backlog(), fill.fillBudget(), drainLimit, "drain", queued);
            Duration drainTimeout = STARTUP_ALLOWANCE.plus(drain.warmup().multipliedBy(3))
                    .plus(drainLimit.multipliedBy(2));
            runs.add(launch(provider, workload, drain, dataDir, name + "-drain", profile(provider, workload,
                    name + "-drain"), drainTimeout, round));
        }
        delete(dataDir);
        return runs;
    }

    /** What a backlog run's share leaves for the drain after the fill and the drain JVM's start. */
    static Duration drainLimit(Duration share, Duration fillWall) {
        Duration rest = share.minus(fillWall).minus(DRAIN_JVM_START);
        return rest.compareTo(DRAIN_MINIMUM) < 0 ? DRAIN_MINIMUM : rest;
    }

    /** Rounds of the ordinary workloads actually run: fewer than asked when the time budget ran short. */
    public int roundsRun() {
        return roundsRun;
    }

    /**
     * Whether one more round, at the pace of the rounds so far, still leaves each backlog run its minimum
     * (two JVM starts, 10 s of filling, the drain) within the time budget.
     */
    boolean roomForAnotherRound(Duration elapsed, int roundsDone, int backlogRuns) {
        Duration perRound = elapsed.dividedBy(roundsDone);
        Duration projected = elapsed.plus(perRound).plus(BACKLOG_MINIMUM.multipliedBy(backlogRuns));
        return projected.compareTo(options.timeBudget()) <= 0;
    }

    /** The backlog fill budget after the time budget was applied; null when no backlog ran. */
    public Duration fillBudgetUsed() {
        return fillBudgetUsed;
    }

    /**
     * The backlog comes last and takes what the time budget leaves: per provider, a fifth for the fill (the
     * stores fill two to three times faster than they drain, and both JVMs start a broker). Never less than
     * 10 s, never more than asked for.
     */
    Duration fillBudget(Duration left, int backlogRuns) {
        Duration asked = options.settings().fillBudget();
        Duration share = left.dividedBy(Math.max(1, backlogRuns)).dividedBy(5);
        Duration budget = share.compareTo(asked) < 0 ? share : asked;
        if (budget.compareTo(Duration.ofSeconds(10)) < 0) {
            budget = Duration.ofSeconds(10);
        }
        if (budget.compareTo(asked) < 0) {
            progress.accept("backlog fill budget cut to " + budget.toSeconds() + " s per provider to fit the "
                    + options.timeBudget().toMinutes() + "-minute time budget");
        }
        return budget;
    }

    private Run launch(Provider provider, Workload workload, WorkloadSettings settings, Path dataDir, String name,
                       List<String> jvmOptions, Duration timeout, int round) throws IOException, InterruptedException {
        long start = System.nanoTime();
        RunResult result = launcher.run(provider, workload, settings, dataDir, runDir.resolve("logs"), name,
                jvmOptions, timeout);
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.accept(String.format("[round %d/%d] %-17s %-17s %s (%.1f s)", round,
                workload.twoPhases() ? options.backlogRounds() : options.rounds(), workload.id()
                        + (settings.phase().isEmpty() ? "" : " " + settings.phase()),
                provider.id(), Summary.brief(result), seconds));
        return new Run(round, result, seconds);
    }

    /** Ferry's JVMs: the settings asked for with --ferry and, with --jfr, a recording. */
    private List<String> profile(Provider provider, Workload workload, String name) throws IOException {
        if (!provider.isFerry()) {
            return List.of();
        }
        List<String> options = ferrySettings();
        if (this.options.jfr()) {
            Path jfrDir = Files.createDirectories(runDir.resolve("jfr"));
            options.add("-XX:StartFlightRecording=filename=" + jfrDir.resolve(name + ".jfr").toAbsolutePath()
                    + ",settings=profile,dumponexit=true");
        }
        return options;
    }

    private List<String> ferrySettings() {
        List<String> properties = new ArrayList<>();
        options.ferrySettings().forEach((key, value) -> properties.add("-D" + key + "=" + value));
        return properties;
    }

    private void delete(Path dir) throws IOException {
        if (options.keepData() || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
