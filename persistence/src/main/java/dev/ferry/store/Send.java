package dev.ferry.store;

/**
 * A message to be stored for one destination. For a queue one delivery is created; for a topic one per
 * subscription (fan-out at publish time, the message stored once).
 */
public record Send(long destinationId, MessageRecord message) {
}
