-- Selective claims (message selectors) scan a queue in "ready order": every delivery takes a fresh number from
-- ferry_ready_seq whenever it becomes ready to be claimed (insert, release, redelivery, lease recovery, move),
-- so a consumer can remember how far it has looked and never re-read rows it has already found not matching.
CREATE SEQUENCE ferry_ready_seq START WITH 1 INCREMENT BY 1;
ALTER TABLE ferry_delivery ADD COLUMN ready_seq BIGINT NOT NULL DEFAULT nextval('ferry_ready_seq');
CREATE INDEX ferry_delivery_ready_seq ON ferry_delivery (queue_id, ready_seq);

-- Messages that expired in a queue (moved to an expiry queue or dropped), for its statistics.
ALTER TABLE ferry_queue ADD COLUMN expired_count BIGINT DEFAULT 0 NOT NULL;
