package dev.ferry.store;

/**
 * A subscription to a topic (JMS 3.1 §6.11) as the store keeps it: a delivery queue bound to the topic, which
 * receives one delivery of every message published to the topic after it was created and that it accepts.
 *
 * @param queueId  the delivery queue of the subscription; what consumers claim from
 * @param topicId  the topic's destination id
 * @param topicName the topic's name
 * @param name     subscription name, {@code null} for an unshared non-durable subscription
 * @param clientId client identifier it belongs to, or {@code null}
 * @param selector message selector applied when a message is published (fan-out), or {@code null} for all
 * @param noLocal  whether messages published by its own connection (or, durable, its client identifier) are
 *                 left out
 * @param durable  whether it outlives its consumers
 * @param shared   whether several consumers may share it
 * @param owner    for a non-durable subscription: the connection that owns it; else {@code null}
 */
public record Subscription(long queueId, long topicId, String topicName, String name, String clientId,
                           String selector, boolean noLocal, boolean durable, boolean shared, String owner) {

    /**
     * The identity of a named subscription in its namespace: durable subscriptions (shared or not) are one
     * namespace, shared non-durable ones another (JMS 3.1 §8.3.2: they may have the same name as a durable one).
     * An unshared durable subscription is identified by client identifier and name; a shared one by name and
     * client identifier if set. Returns {@code null} for an unshared non-durable subscription.
     */
    public static String keyOf(boolean durable, boolean shared, String clientId, String name) {
        if (!durable && !shared) {
            return null;
        }
        String client = clientId == null ? "-" : clientId.length() + ":" + clientId;
        return (durable ? "D:" : "N:") + client + ":" + name;
    }

    public String key() {
        return keyOf(durable, shared, clientId, name);
    }

    /** Whether a request for a subscription of this identity asks for exactly this one (else it replaces it). */
    public boolean sameAs(SubscriptionRequest request) {
        return topicId == request.topicId() && java.util.Objects.equals(selector, request.selector())
                && noLocal == request.noLocal() && shared == request.shared();
    }
}
