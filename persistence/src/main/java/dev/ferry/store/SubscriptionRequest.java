package dev.ferry.store;

/**
 * What a consumer asks for when it subscribes to a topic; see {@link Subscription} for the meaning of each part.
 * An unshared non-durable subscription has no name and must have an owner; a named one needs a name, an unshared
 * durable one also a client identifier (JMS 3.1 §6.11.1).
 */
public record SubscriptionRequest(long topicId, String name, String clientId, String selector, boolean noLocal,
                                  boolean durable, boolean shared, String owner) {

    public SubscriptionRequest {
        if (durable || shared) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a durable or shared subscription needs a name");
            }
            if (name.length() > 255) {
                throw new IllegalArgumentException("subscription name longer than 255 characters: "
                        + name.substring(0, 40) + "...");
            }
        }
        if (durable && !shared && clientId == null) {
            throw new IllegalArgumentException("an unshared durable subscription needs a client identifier");
        }
        if (!durable && (owner == null || owner.isEmpty())) {
            throw new IllegalArgumentException("a non-durable subscription needs its owning connection");
        }
        if (selector != null && selector.isBlank()) {
            selector = null;
        }
    }

    public String key() {
        return Subscription.keyOf(durable, shared, clientId, name);
    }
}
