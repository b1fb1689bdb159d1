-- Client identifiers in use, one row per running connection that set one (JMS 3.1 §6.1.2: a provider refuses an
-- identifier already in use by another running connection — across every node of the broker, not per JVM).
-- A connection's row goes when it closes; a node's rows go with the node, when it closes or when another node
-- finds that it stopped heartbeating. A claim whose node is no longer registered is stale and may be taken over.
CREATE TABLE ferry_client_id (
    client_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    node_id       VARCHAR(64)  NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    since         BIGINT       NOT NULL
);
CREATE INDEX ferry_client_id_node ON ferry_client_id (node_id);
