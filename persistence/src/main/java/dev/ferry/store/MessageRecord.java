package dev.ferry.store;

import java.util.Objects;

/**
 * The stored form of one message: its headers as columns, its properties and body as opaque bytes whose
 * encoding belongs to the messaging layer. The store never interprets {@link #properties()} or {@link #body()}.
 *
 * @param messageId        provider message id (with its {@code ID:} prefix), or {@code null} when disabled
 * @param timestamp        send time in epoch millis, or 0 when disabled
 * @param correlationId    correlation id as a string, or {@code null}
 * @param correlationIdBytes correlation id as bytes, or {@code null}; at most one of the two is set
 * @param replyTo          encoded reply-to destination, or {@code null}
 * @param type             message type header, or {@code null}
 * @param persistent       whether the message must survive a restart
 * @param priority         0..9
 * @param expiration       epoch millis after which the message must not be delivered, 0 for never
 * @param deliveryTime     epoch millis before which the message must not be delivered
 * @param groupId          message group ({@code JMSXGroupID}), or {@code null}
 * @param groupSeq         sequence in the group ({@code JMSXGroupSeq}), 0 when unset
 * @param bodyType         messaging-layer body kind (opaque to the store)
 * @param properties       encoded application and JMSX properties
 * @param body             encoded body, or {@code null} for a message without one
 */
public record MessageRecord(
        String messageId,
        long timestamp,
        String correlationId,
        byte[] correlationIdBytes,
        String replyTo,
        String type,
        boolean persistent,
        int priority,
        long expiration,
        long deliveryTime,
        String groupId,
        int groupSeq,
        int bodyType,
        byte[] properties,
        byte[] body) {

    public MessageRecord {
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority must be 0..9, was " + priority);
        }
        Objects.requireNonNull(properties, "properties");
    }

    /** Bytes this message occupies in the store, as counted against the size limit. */
    public long storedSize() {
        return (long) properties.length + (body == null ? 0 : body.length)
                + (correlationIdBytes == null ? 0 : correlationIdBytes.length);
    }
}
