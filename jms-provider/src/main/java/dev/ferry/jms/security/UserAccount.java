package dev.ferry.jms.security;

import java.util.Objects;
import java.util.Set;

/**
 * One line of the users file: a user, the hash of their password and their roles. Roles are read and kept for
 * authorization by destination; authentication uses the name and the hash only.
 */
public record UserAccount(String name, PasswordHash passwordHash, Set<String> roles) {

    public UserAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = Set.copyOf(roles);
    }
}
