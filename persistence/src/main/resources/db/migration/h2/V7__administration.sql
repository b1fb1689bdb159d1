-- Administration (the console, DESIGN.md decision 10): browse orders, look-ups, replay marks, retention of
-- consumed messages, per-node enqueue/dequeue counters and the audit log.

-- Keyset browsing in arrival order and in priority order: a page reads the index from the cursor and stops.
CREATE INDEX ferry_delivery_browse ON ferry_delivery (queue_id, id);
CREATE INDEX ferry_delivery_browse_priority ON ferry_delivery (queue_id, priority, id);
-- Finding a message by its JMSMessageID.
CREATE INDEX ferry_message_jms_id ON ferry_message (message_id);

-- An operator's replay of a delivery (dead letter, edited message, retained message) is recorded on it.
ALTER TABLE ferry_delivery ADD COLUMN replay_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE ferry_delivery ADD COLUMN replayed_at BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE ferry_delivery ADD COLUMN replayed_by VARCHAR(255);

-- Retention: consumed messages of a destination are kept this long for replay (0: not kept).
ALTER TABLE ferry_destination ADD COLUMN retention_ms BIGINT DEFAULT 0 NOT NULL;

CREATE SEQUENCE ferry_retained_seq START WITH 1 INCREMENT BY 1;
-- A consumed message as it was stored, copied by the acknowledgement; housekeeping deletes it after
-- retained_until.
CREATE TABLE ferry_retained (
    id                   BIGINT       DEFAULT (NEXT VALUE FOR ferry_retained_seq) NOT NULL PRIMARY KEY,
    destination_id       BIGINT       NOT NULL REFERENCES ferry_destination (id) ON DELETE CASCADE,
    queue_id             BIGINT       NOT NULL,
    consumed_at          BIGINT       NOT NULL,
    retained_until       BIGINT       NOT NULL,
    delivery_count       INTEGER      NOT NULL,
    destination_name     VARCHAR(255) NOT NULL,
    destination_kind     CHAR(1)      NOT NULL,
    message_id           VARCHAR(255),
    sent_at              BIGINT       NOT NULL,
    correlation_id       VARCHAR,
    correlation_id_bytes VARBINARY,
    reply_to             VARCHAR,
    message_type         VARCHAR,
    persistent           BOOLEAN      NOT NULL,
    priority             INTEGER      NOT NULL,
    expiration           BIGINT       NOT NULL,
    delivery_time        BIGINT       NOT NULL,
    group_id             VARCHAR,
    group_seq            INTEGER      NOT NULL,
    body_type            INTEGER      NOT NULL,
    properties           VARBINARY    NOT NULL,
    body                 VARBINARY
);
CREATE INDEX ferry_retained_destination ON ferry_retained (destination_id, consumed_at);
CREATE INDEX ferry_retained_until ON ferry_retained (retained_until);

-- Cumulative counts per queue and node, written by each node's heartbeat from memory (no row is updated on
-- the hot path). Rows outlive their node so that the sums never go down.
CREATE TABLE ferry_queue_counter (
    queue_id BIGINT      NOT NULL,
    node_id  VARCHAR(64) NOT NULL,
    enqueued BIGINT      NOT NULL,
    dequeued BIGINT      NOT NULL,
    PRIMARY KEY (queue_id, node_id)
);

CREATE SEQUENCE ferry_audit_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE ferry_audit (
    id          BIGINT       DEFAULT (NEXT VALUE FOR ferry_audit_seq) NOT NULL PRIMARY KEY,
    at          BIGINT       NOT NULL,
    operator    VARCHAR(255) NOT NULL,
    operation   VARCHAR(64)  NOT NULL,
    destination VARCHAR(600),
    filter_text VARCHAR,
    affected    BIGINT       NOT NULL,
    outcome     VARCHAR,
    detail      CLOB
);
CREATE INDEX ferry_audit_at ON ferry_audit (at);
