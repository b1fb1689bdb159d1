package dev.ferry.store.admin;

/**
 * A JVM using the store.
 *
 * @param id          node id (a UUID per opened store)
 * @param host        host name
 * @param pid         process id
 * @param startedAt   epoch millis when it opened the store
 * @param heartbeatAt epoch millis of its last heartbeat
 * @param leases      deliveries it holds in flight
 */
public record NodeInfo(String id, String host, long pid, long startedAt, long heartbeatAt, long leases) {
}
