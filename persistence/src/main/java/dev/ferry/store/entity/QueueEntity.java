package dev.ferry.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A holder of deliveries. A JMS queue has exactly one, of kind {@link #QUEUE}; each durable or shared
 * subscription of a topic has one of kind {@link #SUBSCRIPTION} (fan-out at publish time).
 */
@Entity
@Table(name = "ferry_queue")
public class QueueEntity {

    public static final char QUEUE = 'Q';
    public static final char SUBSCRIPTION = 'S';

    @Id
    @Column(name = "id")
    private long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "destination_id", nullable = false)
    private DestinationEntity destination;

    @Column(name = "kind", nullable = false)
    private char kind;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "subscription_name")
    private String subscriptionName;

    @Column(name = "selector", length = 1_000_000)
    private String selector;

    @Column(name = "no_local")
    private Boolean noLocal;

    @Column(name = "durable")
    private Boolean durable;

    @Column(name = "shared")
    private Boolean shared;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected QueueEntity() {
    }

    public QueueEntity(long id, DestinationEntity destination, char kind, long createdAt) {
        this.id = id;
        this.destination = destination;
        this.kind = kind;
        this.createdAt = createdAt;
    }

    public long getId() {
        return id;
    }

    public DestinationEntity getDestination() {
        return destination;
    }

    public char getKind() {
        return kind;
    }

    public String getClientId() {
        return clientId;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public String getSelector() {
        return selector;
    }

    public Boolean getNoLocal() {
        return noLocal;
    }

    public Boolean getDurable() {
        return durable;
    }

    public Boolean getShared() {
        return shared;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
