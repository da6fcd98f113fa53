-- Declared incidents (issue 14): incidents people declare, shown as INC-N, with their own id space
-- (the alert rows in `incidents` keep theirs). One row per incident; its timeline is the event rows
-- (lead, status updates, notes, reminders, resolve) and the link rows (alerts, requests, runbook runs)
-- that belong to it. Times are epoch milliseconds like everywhere else.
CREATE TABLE IF NOT EXISTS declared_incidents (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    severity      VARCHAR(16)   NOT NULL,
    title         VARCHAR(500)  NOT NULL,
    platform      VARCHAR(32)   NOT NULL,
    channel_id    VARCHAR(255)  NOT NULL,
    message_id    VARCHAR(255),
    declared_by   VARCHAR(255)  NOT NULL,
    lead_name     VARCHAR(255),
    declared_ms   BIGINT        NOT NULL,
    last_update_ms BIGINT       NOT NULL,
    reminded_ms   BIGINT,
    resolved_ms   BIGINT
);
CREATE INDEX IF NOT EXISTS declared_incidents_by_channel ON declared_incidents (platform, channel_id);

-- What people wrote on the incident, in order: declare, lead, update, note, reminder, resolve.
CREATE TABLE IF NOT EXISTS declared_incident_events (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    incident_id BIGINT        NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    actor       VARCHAR(255)  NOT NULL,
    body        VARCHAR(4000) NOT NULL,
    at_ms       BIGINT        NOT NULL
);
CREATE INDEX IF NOT EXISTS declared_incident_events_by_incident ON declared_incident_events (incident_id);

-- What the incident gathered: kind ALERT (incidents.id), REQUEST (requests.id), RUNBOOK (runbook_runs.id).
-- The primary key makes linking idempotent: a row is linked once whoever links it first.
CREATE TABLE IF NOT EXISTS declared_incident_links (
    incident_id BIGINT       NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    ref_id      BIGINT       NOT NULL,
    reason      VARCHAR(255) NOT NULL,
    at_ms       BIGINT       NOT NULL,
    PRIMARY KEY (incident_id, kind, ref_id)
);

-- Node counts by state at each node poll (the sinfo the health watch already reads), so a chart of
-- an incident's window shows what the cluster really looked like. Pruned by age.
CREATE TABLE IF NOT EXISTS node_state_samples (
    at_ms BIGINT      NOT NULL,
    state VARCHAR(32) NOT NULL,
    nodes INT         NOT NULL,
    PRIMARY KEY (at_ms, state)
);
