package dev.ferry.console.security;

import dev.ferry.jms.security.PasswordHash;
import dev.ferry.jms.security.UserAccount;
import dev.ferry.jms.security.UsersFile;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Console users from a users file in the provider's format ({@code user = pbkdf2-sha256$…[, role …]}, see
 * {@link UsersFile}): a user signs in when the password matches and the line grants {@code viewer} or
 * {@code operator}; other roles (destination roles of the JMS users file) are ignored, so one file can serve
 * both.
 */
public final class UsersFileDirectory implements UserDirectory {

    /** Compared against when the user is unknown, so that a wrong name costs as long as a wrong password. */
    private static final PasswordHash DECOY = PasswordHash.of("decoy-password".toCharArray());

    private final Map<String, UserAccount> accounts;

    public UsersFileDirectory(Map<String, UserAccount> accounts) {
        this.accounts = Map.copyOf(accounts);
    }

    /** Reads the file now; a missing file or a bad line fails with the file and line named. */
    public static UsersFileDirectory read(Path file) {
        return new UsersFileDirectory(UsersFile.read(file));
    }

    @Override
    public Optional<ConsoleUser> authenticate(String name, char[] password) {
        UserAccount account = name == null ? null : accounts.get(name);
        if (account == null) {
            DECOY.matches(password);
            return Optional.empty();
        }
        if (!account.passwordHash().matches(password)) {
            return Optional.empty();
        }
        Set<Role> roles = consoleRoles(account.roles());
        return roles.isEmpty() ? Optional.empty() : Optional.of(new ConsoleUser(account.name(), roles));
    }

    static Set<Role> consoleRoles(Set<String> names) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (names.contains(role.roleName())) {
                roles.add(role);
            }
        }
        return roles;
    }
}
