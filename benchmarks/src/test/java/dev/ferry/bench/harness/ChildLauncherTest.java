package dev.ferry.bench.harness;

import dev.ferry.bench.child.RunResult;
import dev.ferry.bench.provider.Provider;
import dev.ferry.bench.workload.Workload;
import dev.ferry.bench.workload.WorkloadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's handling of children that misbehave; real children are exercised by the smoke test. */
class ChildLauncherTest {

    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        Path script = dir.resolve("fake-java");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private RunResult launch(Path java, Duration timeout) throws Exception {
        return new ChildLauncher(java, "unused", "64m").run(Provider.ARTEMIS, Workload.Q_1X1, WorkloadSettings.FULL,
                dir.resolve("data"), dir.resolve("logs"), "child", List.of(), timeout);
    }

    @Test
    void childThatExitsWithoutAResultIsAFailureQuotingItsLog() throws Exception {
        RunResult result = launch(script("echo 'broker exploded' >&2; exit 3"), Duration.ofSeconds(20));

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).contains("exited with 3").contains("broker exploded");
        assertThat(result.provider()).isEqualTo("artemis");
    }

    @Test
    void childThatOverrunsItsTimeIsStoppedAndReportedAsFailed() throws Exception {
        long start = System.nanoTime();
        RunResult result = launch(script("exec sleep 60"), Duration.ofMillis(500));

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).contains("no result within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void resultLineAmongOtherOutputIsRead() throws Exception {
        RunResult result = launch(script("echo starting; echo '" + RunResult.MARKER
                + "{\"provider\":\"artemis\",\"workload\":\"q-1x1\",\"phase\":\"\",\"status\":\"ok\","
                + "\"metrics\":{\"msgsPerSec\":123.5}}'; echo done"), Duration.ofSeconds(20));

        assertThat(result.ok()).isTrue();
        assertThat(result.metric("msgsPerSec")).isEqualTo(123.5);
    }
}
