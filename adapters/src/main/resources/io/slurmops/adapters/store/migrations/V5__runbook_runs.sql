-- Runbook runs (issue 11): one row per run of an approved runbook, one per step it reached, and the
-- values it ran with (plan-time ones and those recorded while running: backupDir, nodesSetDown …).
-- A step row is written STARTED before the step runs; a row without ended_ms after a restart is a
-- step the bot was interrupted in, which is never re-run by itself.
CREATE TABLE IF NOT EXISTS runbook_runs (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    runbook    VARCHAR(128) NOT NULL,
    plan_hash  VARCHAR(64)  NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    note       ${clob},
    created_ms BIGINT       NOT NULL,
    updated_ms BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS runbook_runs_by_state ON runbook_runs (state);

CREATE TABLE IF NOT EXISTS runbook_steps (
    run_id     BIGINT       NOT NULL,
    idx        INT          NOT NULL,
    step_id    VARCHAR(128) NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    output     ${clob},
    started_ms BIGINT       NOT NULL,
    elapsed_ms BIGINT,
    PRIMARY KEY (run_id, idx)
);

CREATE TABLE IF NOT EXISTS runbook_values (
    run_id BIGINT       NOT NULL,
    name   VARCHAR(512) NOT NULL,
    val    ${clob}      NOT NULL,
    PRIMARY KEY (run_id, name)
);
