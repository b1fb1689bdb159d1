package dev.ferry.store.entity;

import dev.ferry.store.Delivery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One message on its way to one queue. Ready when {@code leaseOwner} is null, {@code readyAt} has passed and
 * {@code expiresAt} has not; leased to a node while a consumer holds it.
 */
@Entity
@Table(name = "ferry_delivery")
public class DeliveryEntity {

    @Id
    @Column(name = "id")
    private long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "queue_id", nullable = false)
    private QueueEntity queue;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "message_id", nullable = false)
    private MessageEntity message;

    /** The foreign keys again as plain values, readable without loading the associations. */
    @Column(name = "queue_id", insertable = false, updatable = false)
    private long queueId;

    @Column(name = "message_id", insertable = false, updatable = false)
    private long messageId;

    @Column(name = "priority", nullable = false)
    private int priority;

    /** Epoch millis: the delivery time, or the time a redelivery is due. */
    @Column(name = "ready_at", nullable = false)
    private long readyAt;

    /** Epoch millis of expiry, 0 for never. */
    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "delivery_count", nullable = false)
    private int deliveryCount;

    @Column(name = "lease_owner", length = 64)
    private String leaseOwner;

    @Column(name = "lease_expires_at", nullable = false)
    private long leaseExpiresAt;

    @Column(name = "original_destination")
    private String originalDestination;

    @Column(name = "failure_reason", length = 1_000_000)
    private String failureReason;

    @Column(name = "group_id", length = 1_000_000)
    private String groupId;

    /** Whether other deliveries share the message row (topic fan-out). */
    @Column(name = "shared", nullable = false)
    private boolean shared;

    protected DeliveryEntity() {
    }

    public long getId() {
        return id;
    }

    public QueueEntity getQueue() {
        return queue;
    }

    public long getQueueId() {
        return queueId;
    }

    public long getMessageId() {
        return messageId;
    }

    public MessageEntity getMessage() {
        return message;
    }

    public int getPriority() {
        return priority;
    }

    public long getReadyAt() {
        return readyAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public int getDeliveryCount() {
        return deliveryCount;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public long getLeaseExpiresAt() {
        return leaseExpiresAt;
    }

    public String getOriginalDestination() {
        return originalDestination;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public String getGroupId() {
        return groupId;
    }

    public boolean isShared() {
        return shared;
    }

    /** The API view; the message must be loaded (fetch join). */
    public Delivery toDelivery() {
        return new Delivery(id, queueId, messageId, deliveryCount, message.getDestinationName(),
                message.getDestinationKind(), originalDestination, failureReason, message.toRecord());
    }
}
