package dev.ferry.store.entity;

import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A message, stored once however many deliveries refer to it. Written and read on the hot path by plain JDBC
 * (see {@code DeliveryStatements}); this mapping serves queries, administration and schema validation.
 */
@Entity
@Table(name = "ferry_message")
public class MessageEntity {

    /** Large enough for any text header; the schema leaves these columns unbounded. */
    private static final int UNBOUNDED = 1_000_000;

    @Id
    @Column(name = "id")
    private long id;

    @Column(name = "destination_name", nullable = false)
    private String destinationName;

    @Column(name = "destination_kind", nullable = false)
    private char destinationKind;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "sent_at", nullable = false)
    private long timestamp;

    @Column(name = "correlation_id", length = UNBOUNDED)
    private String correlationId;

    /** Binary columns are VARBINARY/BYTEA, not BLOB: fast for small bodies, fine up to ferry.message.maxSize. */
    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "correlation_id_bytes")
    private byte[] correlationIdBytes;

    @Column(name = "reply_to", length = UNBOUNDED)
    private String replyTo;

    @Column(name = "message_type", length = UNBOUNDED)
    private String type;

    @Column(name = "persistent", nullable = false)
    private boolean persistent;

    @Column(name = "priority", nullable = false)
    private int priority;

    @Column(name = "expiration", nullable = false)
    private long expiration;

    @Column(name = "delivery_time", nullable = false)
    private long deliveryTime;

    @Column(name = "group_id", length = UNBOUNDED)
    private String groupId;

    @Column(name = "group_seq", nullable = false)
    private int groupSeq;

    @Column(name = "body_type", nullable = false)
    private int bodyType;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "properties", nullable = false)
    private byte[] properties;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "body")
    private byte[] body;

    protected MessageEntity() {
    }

    public long getId() {
        return id;
    }

    public String getDestinationName() {
        return destinationName;
    }

    public DestinationKind getDestinationKind() {
        return DestinationKind.ofCode(destinationKind);
    }

    public MessageRecord toRecord() {
        return new MessageRecord(messageId, timestamp, correlationId, correlationIdBytes, replyTo, type, persistent,
                priority, expiration, deliveryTime, groupId, groupSeq, bodyType, properties, body);
    }
}
