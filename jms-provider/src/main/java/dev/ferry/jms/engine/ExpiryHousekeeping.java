package dev.ferry.jms.engine;

import dev.ferry.store.Delivery;
import dev.ferry.store.MessageStore;
import dev.ferry.store.StoreException;

/**
 * Expires messages as soon as a consumer or browser comes across one past its JMSExpiration (JMS 3.1 §3.4.9),
 * instead of leaving it for the next periodic housekeeping run: it moves to its expiry queue (or is dropped) and
 * is counted at once. A failure is left to that periodic run.
 */
final class ExpiryHousekeeping {

    private static final System.Logger LOG = System.getLogger(ExpiryHousekeeping.class.getName());

    /** The failure reason the store records on a delivery it moved to an expiry queue. */
    private static final String EXPIRED = "expired";

    private ExpiryHousekeeping() {
    }

    /**
     * Whether the delivery must not be handed out because its message expired. A message already moved to an
     * expiry queue keeps its JMSExpiration but is there to be consumed.
     */
    static boolean isExpired(Delivery delivery, long now) {
        long expiration = delivery.message().expiration();
        return expiration != 0 && expiration <= now && !EXPIRED.equals(delivery.failureReason());
    }

    static void expireNow(MessageStore store) {
        try {
            store.expire();
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.DEBUG, "expiring messages now failed; housekeeping will retry", e);
        }
    }
}
