package dev.ferry.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server outlives a child JVM that was killed: pg_ctl detaches it. Its pid file names it; the
 * harness stops exactly that process (it started it) so that no server keeps running after a run.
 */
final class StrayPostgres {

    private StrayPostgres() {
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }

    static void stopIfRunning(Path dataDir) {
        Path pidFile = dataDir.resolve("pgdata").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            // a pid file left by a crash may name a recycled pid: only a postgres process is stopped
            ProcessHandle.of(pid).filter(StrayPostgres::isPostgres).ifPresent(server -> {
                System.err.println("stopping PostgreSQL server " + pid + " left by a child JVM");
                server.destroy(); // SIGTERM: smart shutdown; its clients are gone
                try {
                    server.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    server.destroyForcibly();
                }
            });
        } catch (IOException | NumberFormatException e) {
            System.err.println("warning: could not read " + pidFile + ": " + e);
        }
    }
}
