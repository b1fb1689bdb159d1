package dev.ferry.jms.crash;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file in which a crash-test child records what it saw, one event a line: {@code SENDING id},
 * {@code SENT id}, {@code ROLLEDBACK id}, {@code RECV id 0|1} (the JMSRedelivered flag), {@code ACKED id},
 * {@code READY}, {@code DRAINED}. Each line is one unbuffered {@code write} to the operating system, so a
 * {@code kill -9} leaves whole lines and at most one cut last line, which {@link #completeLines} drops: the
 * parent trusts only what was fully written.
 */
final class EventLog implements AutoCloseable {

    private final FileOutputStream out;

    EventLog(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile(), true);
    }

    /** Writes the line before returning; no buffer of ours lies between it and the file. */
    synchronized void write(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the event log", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The lines of the file that end with a line break; a missing file has none. */
    static List<String> completeLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }
}
