package dev.ferry.store;

/**
 * A JVM using the store (a node of the broker): it leases deliveries under its id and proves it is alive by
 * heartbeats. Times are epoch milliseconds of the JVM clocks that wrote them.
 *
 * @param id          the node id, as in {@link MessageStore#nodeId()} and in the lease owner of deliveries
 * @param host        the host name the node reported
 * @param pid         its operating-system process id
 * @param startedAt   when it registered
 * @param heartbeatAt its last heartbeat
 */
public record Node(String id, String host, long pid, long startedAt, long heartbeatAt) {

    /** Whether the node heartbeated within {@code leaseTimeoutMillis} before {@code now}. */
    public boolean aliveAt(long now, long leaseTimeoutMillis) {
        return heartbeatAt >= now - leaseTimeoutMillis;
    }
}
