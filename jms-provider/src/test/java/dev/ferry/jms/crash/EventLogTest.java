package dev.ferry.jms.crash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Only fully written lines of a killed child's log are trusted. */
class EventLogTest {

    @Test
    void cutLastLineIsDropped(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("events.log");
        Files.writeString(file, "SENT g1-a-1\nSENT g1-a-2\nSENT g1-a-", StandardCharsets.US_ASCII);

        assertThat(EventLog.completeLines(file)).containsExactly("SENT g1-a-1", "SENT g1-a-2");
    }

    @Test
    void writtenLinesAreInTheFileWhenWriteReturns(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("events.log");
        try (EventLog log = new EventLog(file)) {
            log.write("READY");

            assertThat(EventLog.completeLines(file)).containsExactly("READY");
        }
    }
}
