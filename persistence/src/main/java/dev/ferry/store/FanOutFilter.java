package dev.ferry.store;

/**
 * Decides at publish time whether a subscription with a message selector takes a message, so that a subscription
 * never holds deliveries it would not select (JMS 3.1 §6.11.1, selectors of durable subscriptions). The store
 * does not interpret selectors or message properties; the messaging layer does, through this.
 */
@FunctionalInterface
public interface FanOutFilter {

    /** Takes every message: the store's filter until the messaging layer sets one. */
    FanOutFilter ACCEPT_ALL = (selector, message) -> true;

    /**
     * @param selector the subscription's selector, never {@code null}
     * @param message  the published message
     * @return whether the subscription gets a delivery of the message; a selector that cannot be evaluated
     *         should answer {@code false} rather than throw
     */
    boolean accepts(String selector, MessageRecord message);
}
