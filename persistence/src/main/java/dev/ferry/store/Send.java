package dev.ferry.store;

/**
 * A message to be stored for one destination. For a queue one delivery is created; for a topic one per
 * subscription (fan-out at publish time, the message stored once).
 *
 * @param publisher         connection that published it (for noLocal subscriptions), or {@code null}
 * @param publisherClientId client identifier of that connection, or {@code null}
 */
public record Send(long destinationId, MessageRecord message, String publisher, String publisherClientId) {

    public Send(long destinationId, MessageRecord message) {
        this(destinationId, message, null, null);
    }
}
