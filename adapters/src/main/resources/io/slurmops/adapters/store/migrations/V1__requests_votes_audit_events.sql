-- Approval requests: one row per change request, its frozen plan and where it stands.
-- Times are epoch milliseconds (BIGINT): identical on H2 and MariaDB, no time-zone surprises.
CREATE TABLE IF NOT EXISTS requests (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    state            VARCHAR(16)   NOT NULL,
    command          VARCHAR(64)   NOT NULL,
    line             VARCHAR(2000) NOT NULL,
    risk             VARCHAR(16)   NOT NULL,
    requester_id     VARCHAR(255)  NOT NULL,
    requester_name   VARCHAR(255)  NOT NULL,
    platform         VARCHAR(32)   NOT NULL,
    channel_id       VARCHAR(255)  NOT NULL,
    message_id       VARCHAR(255),
    approvals_needed INT           NOT NULL,
    plan_text        ${clob},
    plan_hash        VARCHAR(64),
    created_ms       BIGINT        NOT NULL,
    expires_ms       BIGINT,
    decided_ms       BIGINT,
    started_ms       BIGINT,
    finished_ms      BIGINT,
    heartbeat_ms     BIGINT,
    runner           VARCHAR(255),
    outcome          VARCHAR(2000),
    announced        BOOLEAN       NOT NULL
);
CREATE INDEX IF NOT EXISTS requests_by_message ON requests (platform, message_id);
CREATE INDEX IF NOT EXISTS requests_by_state ON requests (state);

-- One vote per person per request: the primary key enforces it.
CREATE TABLE IF NOT EXISTS votes (
    request_id BIGINT        NOT NULL,
    voter_id   VARCHAR(255)  NOT NULL,
    voter_name VARCHAR(255)  NOT NULL,
    decision   VARCHAR(8)    NOT NULL,
    comment    VARCHAR(1000) NOT NULL,
    via        VARCHAR(16)   NOT NULL,
    at_ms      BIGINT        NOT NULL,
    PRIMARY KEY (request_id, voter_id)
);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE IF NOT EXISTS audit (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    at_ms         BIGINT        NOT NULL,
    request_id    BIGINT,
    kind          VARCHAR(24)   NOT NULL,
    actor_id      VARCHAR(255)  NOT NULL,
    actor_name    VARCHAR(255)  NOT NULL,
    platform      VARCHAR(32)   NOT NULL,
    channel_id    VARCHAR(255)  NOT NULL,
    command_line  VARCHAR(2000) NOT NULL,
    plan_hash     VARCHAR(64),
    detail        VARCHAR(4000) NOT NULL,
    host_exits    ${clob},
    duration_ms   BIGINT,
    output_sha256 VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS audit_by_request ON audit (request_id);

-- Chat deliveries already handled (platforms redeliver): inserted before the event is dispatched.
CREATE TABLE IF NOT EXISTS chat_events (
    platform VARCHAR(32)  NOT NULL,
    event_id VARCHAR(255) NOT NULL,
    at_ms    BIGINT       NOT NULL,
    PRIMARY KEY (platform, event_id)
);
