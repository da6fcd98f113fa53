-- Acknowledgement and escalation (issue 13). One acknowledgement per incident (the first wins), and the
-- page outbox: one row per incident + level + target + action (trigger, acknowledge, resolve), written
-- before anything is sent, so a page is never sent twice. A sender claims a due row (claimed_by/
-- claimed_until_ms, conditional update) before sending; a row whose claim lapsed (its sender died) can be
-- claimed again. Failed sends stay PENDING with a later next_ms (backoff) until they succeed or give up.
CREATE TABLE IF NOT EXISTS incident_acks (
    incident_id BIGINT       PRIMARY KEY,
    acked_by    VARCHAR(255) NOT NULL,
    via         VARCHAR(32)  NOT NULL,
    acked_ms    BIGINT       NOT NULL
);

CREATE TABLE IF NOT EXISTS page_outbox (
    id               BIGINT        AUTO_INCREMENT PRIMARY KEY,
    incident_id      BIGINT        NOT NULL,
    incident_key     VARCHAR(255)  NOT NULL,
    level_name       VARCHAR(64)   NOT NULL,
    target           VARCHAR(160)  NOT NULL,
    action           VARCHAR(16)   NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    detail           ${clob}       NOT NULL,
    attempts         INT           NOT NULL,
    next_ms          BIGINT        NOT NULL,
    claimed_by       VARCHAR(128),
    claimed_until_ms BIGINT,
    last_error       VARCHAR(512),
    created_ms       BIGINT        NOT NULL,
    sent_ms          BIGINT,
    CONSTRAINT page_outbox_once UNIQUE (incident_id, level_name, target, action)
);
CREATE INDEX IF NOT EXISTS page_outbox_due ON page_outbox (state, next_ms);
