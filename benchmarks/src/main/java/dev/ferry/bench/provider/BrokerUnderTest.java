package dev.ferry.bench.provider;

import jakarta.jms.ConnectionFactory;

import java.util.Map;

/** A started provider with its store in a data directory of its own, as the workloads see it. */
public interface BrokerUnderTest extends AutoCloseable {

    ConnectionFactory connectionFactory();

    /** Where a persistent send or a commit has arrived when it returns, read from the running store. */
    Durability durability() throws Exception;

    /**
     * Cumulative counters of the store's own work (database commits, WAL flushes), where the store exposes them:
     * the run reports how much each grew per message, a figure that a busy machine does not blur.
     */
    default Map<String, Long> storeCounters() throws Exception {
        return Map.of();
    }

    /** Versions and store settings worth printing next to the numbers. */
    Map<String, String> description();

    @Override
    void close() throws Exception;
}
