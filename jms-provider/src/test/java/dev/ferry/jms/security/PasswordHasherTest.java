package dev.ferry.jms.security;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The command that prints a users-file hash. */
class PasswordHasherTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return PasswordHasher.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsAHashOfThePasswordOnTheFirstLineOfStandardInput() {
        int status = run("pässword\nignored\n");

        assertThat(status).isZero();
        PasswordHash printed = PasswordHash.parse(out.toString(StandardCharsets.UTF_8).trim());
        assertThat(printed.matches("pässword".toCharArray())).isTrue();
        assertThat(printed.iterations()).isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
    }

    @Test
    void windowsLineEndingIsNotPartOfThePassword() throws IOException {
        char[] password = PasswordHasher.firstLine(new ByteArrayInputStream("pw\r\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(password)).isEqualTo("pw");
    }

    @Test
    void emptyInputIsAnError() {
        int status = run("");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no password given");
    }

    @Test
    void passwordAsAnArgumentIsRefusedSoThatItStaysOutOfTheProcessList() {
        int status = run("", "s3cret");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage").contains("process list");
    }
}
