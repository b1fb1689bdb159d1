package dev.ferry.bench.measure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Measures how many synchronous 4 KiB appends the disk under a directory completes per second: a serial
 * write followed by {@code FileChannel.force(false)} (fdatasync on Linux). No synchronous persistent send of
 * any provider can return more often than this unless several sends share one flush.
 */
public final class FsyncProbe {

    private static final int BLOCK = 4096;

    private FsyncProbe() {
    }

    public record Rate(long syncs, double perSecond, double meanMicros, String directory) {
    }

    public static Rate measure(Path directory, Duration duration, int maxSyncs) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "fsync-probe", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
            for (int i = 0; i < BLOCK; i++) {
                block.put((byte) i);
            }
            // one unmeasured sync so that file creation is not counted
            writeAndSync(channel, block, 0);
            long syncs = 0;
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            long now = start;
            while (now < deadline && syncs < maxSyncs) {
                writeAndSync(channel, block, (syncs + 1) * BLOCK);
                syncs++;
                now = System.nanoTime();
            }
            double seconds = (now - start) / 1e9;
            return new Rate(syncs, syncs / seconds, seconds * 1e6 / Math.max(1, syncs), directory.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void writeAndSync(FileChannel channel, ByteBuffer block, long position) throws IOException {
        block.rewind();
        while (block.hasRemaining()) {
            channel.write(block, position + block.position());
        }
        channel.force(false);
    }
}
