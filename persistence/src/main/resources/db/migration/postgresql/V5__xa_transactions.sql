-- XA transaction branches prepared in this store (DESIGN.md #4: prepared state survives a crash of the JVM).
-- A branch row exists from prepare until the transaction manager's commit or rollback; while it exists, the
-- branch's sent deliveries and the deliveries it consumed carry the branch's marker in lease_owner
-- ('xa-send:<id>' / 'xa-held:<id>') with lease_expires_at at its maximum, so that no claim takes them and no
-- lease recovery frees them. The Xid is (format_id, global_id, branch_qualifier), each part at most 64 bytes.
CREATE SEQUENCE ferry_xa_branch_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE ferry_xa_branch (
    id               BIGINT         NOT NULL PRIMARY KEY,
    format_id        INTEGER        NOT NULL,
    global_id        BYTEA          NOT NULL,
    branch_qualifier BYTEA          NOT NULL,
    node             VARCHAR(64)    NOT NULL,
    started_at       BIGINT         NOT NULL,
    prepared_at      BIGINT         NOT NULL,
    CONSTRAINT ferry_xa_branch_xid UNIQUE (format_id, global_id, branch_qualifier)
);
