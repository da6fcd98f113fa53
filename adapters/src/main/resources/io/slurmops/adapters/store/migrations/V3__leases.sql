-- Leadership leases: several slurmops instances on one store; the holder of a lease does the work
-- that must happen once (the alert watch), the others stand by and take over when it lapses.
CREATE TABLE IF NOT EXISTS leases (
    name       VARCHAR(64)  PRIMARY KEY,
    holder     VARCHAR(255) NOT NULL,
    expires_ms BIGINT       NOT NULL
);
