package dev.ferry.bench.harness;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.bench.child.ChildMain;
import dev.ferry.bench.child.RunResult;
import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.Workload;
import dev.ferry.bench.workload.WorkloadSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts one child JVM for one provider × workload with this JVM's class path, waits for it within a time
 * limit, and reads its result line. The child's standard output and error go to files in the log folder.
 */
public final class ChildLauncher {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(20);

    private final Path java;
    private final String classPath;
    private final String heap;

    public ChildLauncher(String heap) {
        this(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"), heap);
    }

    ChildLauncher(Path java, String classPath, String heap) {
        this.java = java;
        this.classPath = classPath;
        this.heap = heap;
    }

    /**
     * Runs the child and returns its result; a child that printed no result (crash, time-out) yields a
     * failed result that quotes the end of its log.
     */
    public RunResult run(Provider provider, Workload workload, WorkloadSettings settings, Path dataDir,
                         Path logDir, String logName, List<String> extraJvmOptions, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(logName + ".out");
        Path err = logDir.resolve(logName + ".log");
        List<String> command = command(provider, workload, settings, dataDir, extraJvmOptions);
        Files.writeString(err, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        Process child = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .start();
        boolean finished = child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        String timedOut = null;
        if (!finished) {
            timedOut = "no result within " + timeout.toSeconds() + " s; the child JVM was stopped";
            child.destroy(); // SIGTERM: shutdown hooks stop an embedded PostgreSQL
            if (!child.waitFor(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
                child.waitFor(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        StrayPostgres.stopIfRunning(dataDir);
        Optional<RunResult> result = readResult(out);
        if (result.isPresent() && timedOut == null) {
            return result.get();
        }
        String why = timedOut != null ? timedOut : "the child JVM exited with " + child.exitValue()
                + " without a result";
        return RunResult.lost(provider.id(), workload.id(), settings.phase(), why + "; log " + err
                + " ends with: " + tail(err, 6));
    }

    List<String> command(Provider provider, Workload workload, WorkloadSettings settings, Path dataDir,
                         List<String> extraJvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        if (Runtime.version().feature() >= 23) {
            // netty (inside Artemis) still uses sun.misc.Unsafe; keep the JDK's warning out of the logs
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        command.add(provider.id());
        command.add(workload.id());
        command.add(dataDir.toAbsolutePath().toString());
        for (Map.Entry<String, String> setting : settings.toArguments().entrySet()) {
            command.add(setting.getKey() + "=" + setting.getValue());
        }
        return command;
    }

    static Optional<RunResult> readResult(Path out) throws IOException {
        if (!Files.exists(out)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith(RunResult.MARKER)) {
                return Optional.of(JSON.readValue(line.substring(RunResult.MARKER.length()), RunResult.class));
            }
        }
        return Optional.empty();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
