package dev.ferry.store;

import java.util.Objects;
import java.util.Set;

/**
 * A message to be stored for one destination. For a queue one delivery is created; for a topic one per
 * subscription (fan-out at publish time, the message stored once).
 *
 * @param publisher          connection that published it (for noLocal subscriptions), or {@code null}
 * @param publisherClientId  client identifier of that connection, or {@code null}
 * @param deliveredInMemory  subscription queues that already received this (non-persistent) message in memory
 *                           on this node (DESIGN.md #3); the store adds no delivery for them
 * @param handOff            a waiting consumer of this node that takes the message directly, or {@code null};
 *                           only for a queue, and only outside an XA branch (the store ignores it otherwise)
 */
public record Send(long destinationId, MessageRecord message, String publisher, String publisherClientId,
                   Set<Long> deliveredInMemory, HandOff handOff) {

    public Send {
        deliveredInMemory = Set.copyOf(Objects.requireNonNull(deliveredInMemory, "deliveredInMemory"));
        if (!deliveredInMemory.isEmpty() && message != null && message.persistent()) {
            // DESIGN.md #1: a persistent message is sent only once its rows have committed
            throw new IllegalArgumentException("a persistent message cannot be delivered in memory only");
        }
    }

    public Send(long destinationId, MessageRecord message, String publisher, String publisherClientId,
                Set<Long> deliveredInMemory) {
        this(destinationId, message, publisher, publisherClientId, deliveredInMemory, null);
    }

    public Send(long destinationId, MessageRecord message, String publisher, String publisherClientId) {
        this(destinationId, message, publisher, publisherClientId, Set.of(), null);
    }

    public Send(long destinationId, MessageRecord message) {
        this(destinationId, message, null, null, Set.of(), null);
    }

    /** This send, offered to a waiting consumer of this node. */
    public Send handedTo(HandOff consumer) {
        return new Send(destinationId, message, publisher, publisherClientId, deliveredInMemory, consumer);
    }
}
