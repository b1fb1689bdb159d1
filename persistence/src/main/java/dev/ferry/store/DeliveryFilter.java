package dev.ferry.store;

/**
 * Decides whether a consumer wants a delivery (a message selector, seen from the store). The store calls it on
 * ready deliveries of a queue, in ready order, and leases only those it accepts, so a selective consumer never
 * holds back messages that other consumers of the queue could take. Called outside any database transaction;
 * it must not call the store.
 */
@FunctionalInterface
public interface DeliveryFilter {

    /**
     * @param candidate the delivery as it would be handed out: its count already includes this delivery
     * @return whether the consumer takes it
     */
    boolean accepts(Delivery candidate);
}
