package dev.ferry.jms.security;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prints the users-file hash of a password read from standard input (typed without echo on a terminal, or the
 * first line of piped input). The password is never a command-line argument, which other users of the machine
 * could see in the process list.
 * <pre>
 * printf '%s' 's3cret' | java -cp ferry-jms.jar dev.ferry.jms.security.PasswordHasher
 * pbkdf2-sha256$310000$...$...
 * </pre>
 */
public final class PasswordHasher {

    private PasswordHasher() {
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.console(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The program, with its streams given; returns the exit status. */
    static int run(String[] args, InputStream in, Console console, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            err.println("usage: PasswordHasher   (reads the password from standard input; takes no arguments, "
                    + "so that the password does not appear in the process list)");
            return 2;
        }
        char[] password = null;
        try {
            password = console != null ? console.readPassword("Password: ") : firstLine(in);
            if (password == null || password.length == 0) {
                err.println("no password given on standard input");
                return 1;
            }
            out.println(PasswordHash.of(password).encode());
            return 0;
        } catch (IOException e) {
            err.println("cannot read the password from standard input: " + e.getMessage());
            return 1;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The UTF-8 text up to the first line break (or the end), without the break. */
    static char[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            bytes.write(b);
        }
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, 0, length));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            return password;
        } catch (CharacterCodingException e) {
            throw new IOException("the password is not UTF-8 text", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
