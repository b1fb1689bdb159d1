package dev.ferry.store.admin;

/**
 * What an operation on a selection would do, counted exactly at one instant.
 *
 * @param matching  deliveries the selection covers
 * @param inFlight  of those, leased to consumers: operations leave them alone
 */
public record Preview(long matching, long inFlight) {

    /** Deliveries an operation would touch ("will touch N"). */
    public long willTouch() {
        return matching - inFlight;
    }
}
