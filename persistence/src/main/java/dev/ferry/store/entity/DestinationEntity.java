package dev.ferry.store.entity;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named queue or topic with its delivery policy. */
@Entity
@Table(name = "ferry_destination")
public class DestinationEntity {

    @Id
    @Column(name = "id")
    private long id;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "kind", nullable = false)
    private char kind;

    @Column(name = "temporary", nullable = false)
    private boolean temporary;

    @Column(name = "owner")
    private String owner;

    /** The node whose connection owns a temporary destination; the destination dies with that node. */
    @Column(name = "owner_node", length = 64)
    private String ownerNode;

    @Column(name = "dead_letter_queue")
    private String deadLetterQueue;

    @Column(name = "max_delivery_attempts")
    private Integer maxDeliveryAttempts;

    @Column(name = "redelivery_delay_ms")
    private Long redeliveryDelayMillis;

    @Column(name = "redelivery_backoff")
    private Double redeliveryBackoff;

    @Column(name = "max_redelivery_delay_ms")
    private Long maxRedeliveryDelayMillis;

    @Column(name = "expiry_queue")
    private String expiryQueue;

    @Column(name = "paused", nullable = false)
    private boolean paused;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected DestinationEntity() {
    }

    public DestinationEntity(long id, String name, DestinationKind kind, boolean temporary, String owner,
                             String ownerNode, long createdAt) {
        this.id = id;
        this.name = name;
        this.kind = kind.code();
        this.temporary = temporary;
        this.owner = owner;
        this.ownerNode = ownerNode;
        this.createdAt = createdAt;
        setPolicy(DestinationPolicy.DEFAULTS);
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public DestinationKind getKind() {
        return DestinationKind.ofCode(kind);
    }

    public boolean isTemporary() {
        return temporary;
    }

    public String getOwner() {
        return owner;
    }

    public String getOwnerNode() {
        return ownerNode;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public DestinationPolicy getPolicy() {
        return new DestinationPolicy(deadLetterQueue, maxDeliveryAttempts, redeliveryDelayMillis, redeliveryBackoff,
                maxRedeliveryDelayMillis, expiryQueue, paused);
    }

    public void setPolicy(DestinationPolicy policy) {
        this.deadLetterQueue = policy.deadLetterQueue();
        this.maxDeliveryAttempts = policy.maxDeliveryAttempts();
        this.redeliveryDelayMillis = policy.redeliveryDelayMillis();
        this.redeliveryBackoff = policy.redeliveryBackoff();
        this.maxRedeliveryDelayMillis = policy.maxRedeliveryDelayMillis();
        this.expiryQueue = policy.expiryQueue();
        this.paused = policy.paused();
    }

    /** The API view; {@code queueId} is the delivery queue of a JMS queue, 0 for a topic. */
    public Destination toDestination(long queueId) {
        return new Destination(id, name, getKind(), queueId, temporary, owner, getPolicy());
    }
}
