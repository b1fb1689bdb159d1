package dev.ferry.ra.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;

import java.util.Objects;

/**
 * What an application asked for: credentials (which decide which pooled managed connections fit) and whether it
 * wants a classic {@code Connection} or a {@code JMSContext} handle (which does not).
 */
final class ConnectionRequest implements ConnectionRequestInfo {

    enum HandleKind { CONNECTION, CONTEXT }

    final String user;
    final String password;
    final HandleKind kind;

    ConnectionRequest(String user, String password, HandleKind kind) {
        this.user = user;
        this.password = password;
        this.kind = kind;
    }

    /** Managed connections are interchangeable between the two handle kinds: only the credentials count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionRequest && Objects.equals(user, ((ConnectionRequest) other).user)
                && Objects.equals(password, ((ConnectionRequest) other).password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, password);
    }

    @Override
    public String toString() {
        return "ConnectionRequest[user=" + user + ", " + kind + "]";
    }
}
