-- Runbook runs with several instances (issue 15): the instance executing a run is its owner and
-- refreshes heartbeat_ms (database time) while the run is RUNNING. Another instance pauses a RUNNING
-- run only when its owner's heartbeat is stale (the owner died mid-step), once (a conditional update),
-- and a resume takes the run with a conditional update too, so two resumes never both run it.
-- Rows from before have no owner: they are paused as before, at the next start.
ALTER TABLE runbook_runs ADD COLUMN IF NOT EXISTS owner VARCHAR(255);
ALTER TABLE runbook_runs ADD COLUMN IF NOT EXISTS heartbeat_ms BIGINT;
