package dev.ferry.store.admin;

/** Where a delivery stands, as an operator sees it. */
public enum DeliveryState {
    /** A consumer could claim it now. */
    READY,
    /** Its delivery time (or redelivery delay) is ahead. */
    SCHEDULED,
    /** Leased to a consumer; operations leave it alone. */
    IN_FLIGHT,
    /** Past its expiration; housekeeping will move or drop it. */
    EXPIRED
}
