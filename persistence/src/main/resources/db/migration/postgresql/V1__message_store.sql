-- Ferry message store, PostgreSQL. Times are epoch milliseconds (BIGINT) so that every comparison on the hot
-- path is an integer comparison and the JVM clock is the single time source.

-- Ids of messages and deliveries are handed out in blocks of 1000 per JVM (one nextval per block).
CREATE SEQUENCE ferry_message_seq START WITH 1 INCREMENT BY 1000;
CREATE SEQUENCE ferry_delivery_seq START WITH 1 INCREMENT BY 1000;
CREATE SEQUENCE ferry_destination_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE ferry_node (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    host         VARCHAR(255) NOT NULL,
    pid          BIGINT       NOT NULL,
    started_at   BIGINT       NOT NULL,
    heartbeat_at BIGINT       NOT NULL
);

CREATE TABLE ferry_destination (
    id                      BIGINT           NOT NULL PRIMARY KEY,
    name                    VARCHAR(255)     NOT NULL,
    kind                    CHAR(1)          NOT NULL CHECK (kind IN ('Q', 'T')),
    temporary               BOOLEAN          NOT NULL,
    owner                   VARCHAR(255),
    owner_node              VARCHAR(64),
    dead_letter_queue       VARCHAR(255),
    max_delivery_attempts   INTEGER,
    redelivery_delay_ms     BIGINT,
    redelivery_backoff      DOUBLE PRECISION,
    max_redelivery_delay_ms BIGINT,
    expiry_queue            VARCHAR(255),
    paused                  BOOLEAN          NOT NULL,
    created_at              BIGINT           NOT NULL,
    CONSTRAINT ferry_destination_name_kind UNIQUE (name, kind)
);

-- A holder of deliveries: exactly one per JMS queue; one per subscription of a topic.
CREATE TABLE ferry_queue (
    id                BIGINT        NOT NULL PRIMARY KEY,
    destination_id    BIGINT        NOT NULL REFERENCES ferry_destination (id) ON DELETE CASCADE,
    kind              CHAR(1)       NOT NULL CHECK (kind IN ('Q', 'S')),
    client_id         VARCHAR(255),
    subscription_name VARCHAR(255),
    selector          TEXT,
    no_local          BOOLEAN,
    durable           BOOLEAN,
    shared            BOOLEAN,
    created_at        BIGINT        NOT NULL
);
CREATE INDEX ferry_queue_destination ON ferry_queue (destination_id);

-- A message is stored once, whatever the number of its deliveries.
CREATE TABLE ferry_message (
    id                   BIGINT       NOT NULL PRIMARY KEY,
    destination_name     VARCHAR(255) NOT NULL,
    destination_kind     CHAR(1)      NOT NULL,
    message_id           VARCHAR(255),
    sent_at              BIGINT       NOT NULL,
    correlation_id       TEXT,
    correlation_id_bytes BYTEA,
    reply_to             TEXT,
    message_type         TEXT,
    persistent           BOOLEAN      NOT NULL,
    priority             INTEGER      NOT NULL,
    expiration           BIGINT       NOT NULL,
    delivery_time        BIGINT       NOT NULL,
    group_id             TEXT,
    group_seq            INTEGER      NOT NULL,
    body_type            INTEGER      NOT NULL,
    properties           BYTEA        NOT NULL,
    body                 BYTEA
);

CREATE TABLE ferry_delivery (
    id                   BIGINT       NOT NULL PRIMARY KEY,
    queue_id             BIGINT       NOT NULL REFERENCES ferry_queue (id) ON DELETE CASCADE,
    message_id           BIGINT       NOT NULL REFERENCES ferry_message (id),
    priority             INTEGER      NOT NULL,
    ready_at             BIGINT       NOT NULL,
    expires_at           BIGINT       NOT NULL,
    delivery_count       INTEGER      NOT NULL,
    lease_owner          VARCHAR(64),
    lease_expires_at     BIGINT       NOT NULL,
    original_destination VARCHAR(255),
    failure_reason       TEXT,
    group_id             TEXT,
    -- true when the message has further deliveries (topic fan-out): its row is deleted only with the last one
    shared               BOOLEAN      NOT NULL
);
-- The claim reads this index in order and stops after the batch: O(batch) however long the queue.
CREATE INDEX ferry_delivery_ready ON ferry_delivery (queue_id, priority DESC, id) WHERE lease_owner IS NULL;
CREATE INDEX ferry_delivery_scheduled ON ferry_delivery (queue_id, ready_at) WHERE lease_owner IS NULL;
CREATE INDEX ferry_delivery_lease ON ferry_delivery (lease_owner, lease_expires_at) WHERE lease_owner IS NOT NULL;
CREATE INDEX ferry_delivery_expiry ON ferry_delivery (expires_at) WHERE expires_at > 0 AND lease_owner IS NULL;
CREATE INDEX ferry_delivery_message ON ferry_delivery (message_id);
