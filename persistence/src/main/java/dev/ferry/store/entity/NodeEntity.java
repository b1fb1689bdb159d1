package dev.ferry.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A JVM that uses the store: it leases deliveries under its id and proves it is alive by heartbeats. */
@Entity
@Table(name = "ferry_node")
public class NodeEntity {

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @Column(name = "host", nullable = false)
    private String host;

    @Column(name = "pid", nullable = false)
    private long pid;

    @Column(name = "started_at", nullable = false)
    private long startedAt;

    @Column(name = "heartbeat_at", nullable = false)
    private long heartbeatAt;

    protected NodeEntity() {
    }

    public NodeEntity(String id, String host, long pid, long startedAt) {
        this.id = id;
        this.host = host;
        this.pid = pid;
        this.startedAt = startedAt;
        this.heartbeatAt = startedAt;
    }

    public String getId() {
        return id;
    }

    public String getHost() {
        return host;
    }

    public long getPid() {
        return pid;
    }

    public long getStartedAt() {
        return startedAt;
    }

    public long getHeartbeatAt() {
        return heartbeatAt;
    }
}
