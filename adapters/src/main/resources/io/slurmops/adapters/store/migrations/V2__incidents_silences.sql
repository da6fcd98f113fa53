-- Alert state: one row per incident (open while resolved_ms is NULL) and the silences people set.
-- Kept in the store so a restart neither re-posts an incident nor forgets one.
CREATE TABLE IF NOT EXISTS incidents (
    id                BIGINT        PRIMARY KEY,
    incident_key      VARCHAR(255)  NOT NULL,
    probe             VARCHAR(64)   NOT NULL,
    subject           VARCHAR(255)  NOT NULL,
    severity          VARCHAR(16)   NOT NULL,
    summary           VARCHAR(2000) NOT NULL,
    diagnosis_id      VARCHAR(128)  NOT NULL,
    repair            VARCHAR(500)  NOT NULL,
    opened_ms         BIGINT        NOT NULL,
    last_seen_ms      BIGINT        NOT NULL,
    resolved_ms       BIGINT,
    message_id        VARCHAR(255),
    missed_polls      INT           NOT NULL,
    flaps             INT           NOT NULL,
    first_response_ms BIGINT,
    approved_ms       BIGINT,
    request_id        VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS incidents_by_key ON incidents (incident_key);
CREATE INDEX IF NOT EXISTS incidents_by_message ON incidents (message_id);

CREATE TABLE IF NOT EXISTS silences (
    id         BIGINT        AUTO_INCREMENT PRIMARY KEY,
    target     VARCHAR(255)  NOT NULL,
    until_ms   BIGINT        NOT NULL,
    reason     VARCHAR(2000) NOT NULL,
    created_by VARCHAR(255)  NOT NULL,
    created_ms BIGINT        NOT NULL
);
