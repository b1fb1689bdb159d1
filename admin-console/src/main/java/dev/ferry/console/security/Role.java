package dev.ferry.console.security;

import java.util.Locale;

/** What a console user may do. An operator may also do everything a viewer may. */
public enum Role {
    /** Sees destinations, messages, subscriptions, nodes and the audit log; changes nothing. */
    VIEWER,
    /** Also purges, deletes, moves, replays, imports and sends messages and changes destinations. */
    OPERATOR;

    /** The role's name in a users file or a container's role mapping: {@code viewer}, {@code operator}. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
