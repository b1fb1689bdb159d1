package dev.ferry.console.security;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A signed-in console user and the roles the users file (or the application server) grants.
 *
 * @param name  user name, recorded in the audit log of every operation
 * @param roles granted roles; {@link Role#OPERATOR} implies {@link Role#VIEWER}
 */
public record ConsoleUser(String name, Set<Role> roles) implements Serializable {

    public ConsoleUser {
        Objects.requireNonNull(name, "name");
        EnumSet<Role> granted = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        if (granted.contains(Role.OPERATOR)) {
            granted.add(Role.VIEWER);
        }
        roles = Set.copyOf(granted);
    }

    public static ConsoleUser operator(String name) {
        return new ConsoleUser(name, Set.of(Role.OPERATOR));
    }

    public static ConsoleUser viewer(String name) {
        return new ConsoleUser(name, Set.of(Role.VIEWER));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Throws unless the user has the role; services call this first in every action. */
    public void require(Role role, String action) {
        if (!has(role)) {
            throw new AccessDeniedException(name + " may not " + action + ": it needs the " + role.roleName()
                    + " role");
        }
    }
}
