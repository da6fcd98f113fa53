-- Leases on the database's clock with a fencing token (issue 15). expires_ms is now written and compared
-- with the database's own time (see Dialect.nowMs), never an instance's. token grows by one at every
-- grant to a new holder: writes made under a lease carry it, and a stale holder's token no longer matches.
ALTER TABLE leases ADD COLUMN IF NOT EXISTS token BIGINT NOT NULL DEFAULT 0;

-- Work that must happen once across instances (a scheduled backup, an alert post, a notification):
-- the instance whose insert wins does it; the others find the row and skip it. A claim taken under a
-- lease records the lease's token: one never finished (done_ms NULL: its holder died mid-way) may be
-- taken again under a newer token, so a crash between claim and act is not forgotten.
CREATE TABLE IF NOT EXISTS claims (
    name       VARCHAR(255) PRIMARY KEY,
    holder     VARCHAR(255) NOT NULL,
    token      BIGINT       NOT NULL,
    claimed_ms BIGINT       NOT NULL,
    done_ms    BIGINT
);
