-- Message groups (JMSXGroupID): which consumer of a delivery queue owns a group. The row exists while a consumer
-- owns the group; no row means the group is free and the first consumer to claim its first delivery takes it.
-- The lease is renewed by the owner node's heartbeat; a group of a node that stopped heartbeating is freed by
-- lease recovery once none of its deliveries is leased any more.
CREATE TABLE ferry_group (
    queue_id         BIGINT       NOT NULL REFERENCES ferry_queue (id) ON DELETE CASCADE,
    group_id         VARCHAR      NOT NULL,
    owner_consumer   VARCHAR(255) NOT NULL,
    owner_node       VARCHAR(64)  NOT NULL,
    lease_expires_at BIGINT       NOT NULL,
    PRIMARY KEY (queue_id, group_id)
);
CREATE INDEX ferry_group_owner ON ferry_group (owner_node, owner_consumer);
CREATE INDEX ferry_group_lease ON ferry_group (lease_expires_at);
-- "Is there an earlier delivery of this group still waiting?" (send order inside a group). H2 has no partial
-- indexes, so ungrouped deliveries are in it too, under a NULL group_id.
CREATE INDEX ferry_delivery_group ON ferry_delivery (queue_id, group_id, id);
