-- A message id is unique only within its channel (a Slack ts is a time stamp): every lookup by
-- message uses (platform, channel, message id). Requests already record their channel; incidents
-- now record where their message was posted. Incidents posted before this version have no channel
-- and are no longer found by a reaction (their thread updates still arrive).
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS platform VARCHAR(32);
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS channel_id VARCHAR(255);

DROP INDEX IF EXISTS incidents_by_message ${on incidents};
CREATE INDEX IF NOT EXISTS incidents_by_channel_message ON incidents (platform, channel_id, message_id);

DROP INDEX IF EXISTS requests_by_message ${on requests};
CREATE INDEX IF NOT EXISTS requests_by_channel_message ON requests (platform, channel_id, message_id);
