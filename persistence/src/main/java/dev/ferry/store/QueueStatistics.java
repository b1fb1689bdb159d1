package dev.ferry.store;

/**
 * Counts of one delivery queue at one instant.
 *
 * @param ready     deliveries that a consumer could claim now
 * @param inFlight  deliveries leased to a consumer and not yet acknowledged
 * @param scheduled deliveries whose delivery time (or redelivery delay) is still ahead
 * @param oldestReadyTimestamp send time of the oldest ready message, 0 when none
 */
public record QueueStatistics(long ready, long inFlight, long scheduled, long oldestReadyTimestamp) {

    public long total() {
        return ready + inFlight + scheduled;
    }
}
