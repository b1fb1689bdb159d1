package dev.ferry.jms.security;

import dev.ferry.store.config.FerryProperties;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the users file named by {@code ferry.security.users}: UTF-8 text in properties style, one user a line,
 * <pre>
 * # user = password hash [, role ...]
 * alice = pbkdf2-sha256$310000$...$..., admin, orders
 * bob   : pbkdf2-sha256$310000$...$...
 * </pre>
 * Blank lines and lines starting with {@code #} or {@code !} are ignored; the first {@code =} or {@code :}
 * separates the user name from the rest. Every problem is reported with the file and line, because a security
 * configuration that is half read must not start.
 */
public final class UsersFile {

    private UsersFile() {
    }

    /**
     * The accounts of the file, by user name, in file order.
     *
     * @throws SecurityConfigurationException when the file is missing, unreadable or has an invalid line
     */
    public static Map<String, UserAccount> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SecurityConfigurationException(describe(file) + " does not exist", e);
        } catch (CharacterCodingException e) {
            throw new SecurityConfigurationException(describe(file) + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new SecurityConfigurationException(describe(file) + " cannot be read: " + e, e);
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1)); // the byte order mark some editors write
        }
        Map<String, UserAccount> accounts = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            UserAccount account = parseLine(file, index + 1, lines.get(index));
            if (account != null && accounts.putIfAbsent(account.name(), account) != null) {
                throw error(file, index + 1, "user '" + account.name() + "' is listed a second time");
            }
        }
        return Collections.unmodifiableMap(accounts);
    }

    private static UserAccount parseLine(Path file, int lineNumber, String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
            return null;
        }
        int separator = firstSeparator(text);
        if (separator < 0) {
            throw error(file, lineNumber, "expected 'user = password hash[, role, ...]'");
        }
        String user = text.substring(0, separator).strip();
        if (user.isEmpty()) {
            throw error(file, lineNumber, "the user name is missing before '" + text.charAt(separator) + "'");
        }
        String[] fields = text.substring(separator + 1).split(",", -1);
        PasswordHash hash;
        try {
            hash = PasswordHash.parse(fields[0]);
        } catch (IllegalArgumentException e) {
            throw error(file, lineNumber, "invalid password hash for user '" + user + "': " + e.getMessage());
        }
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 1; i < fields.length; i++) {
            String role = fields[i].strip();
            if (role.isEmpty()) {
                throw error(file, lineNumber, "empty role name in the roles of user '" + user + "'");
            }
            roles.add(role);
        }
        return new UserAccount(user, hash, roles);
    }

    private static int firstSeparator(String text) {
        int equals = text.indexOf('=');
        int colon = text.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    private static SecurityConfigurationException error(Path file, int line, String problem) {
        return new SecurityConfigurationException(describe(file) + ", line " + line + ": " + problem);
    }

    private static String describe(Path file) {
        return "users file " + file.toAbsolutePath() + " (" + FerryProperties.SECURITY_USERS.key() + ")";
    }
}
