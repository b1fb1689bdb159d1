-- Consumers open on topic subscriptions, counted per node, so that every node sees the others' (JMS 3.1 §6.11):
-- an unshared durable subscription has at most one active consumer in the whole cluster, a durable subscription
-- is not deleted while any node consumes it, and a shared non-durable subscription lives while any node has a
-- consumer on it. A node's rows go with the node: when it closes, or when another node finds that it stopped
-- heartbeating (its claim lapses and the subscription can be resumed elsewhere).
CREATE TABLE ferry_consumer (
    queue_id  BIGINT      NOT NULL REFERENCES ferry_queue (id) ON DELETE CASCADE,
    node_id   VARCHAR(64) NOT NULL,
    consumers INTEGER     NOT NULL,
    PRIMARY KEY (queue_id, node_id)
);
CREATE INDEX ferry_consumer_node ON ferry_consumer (node_id);
