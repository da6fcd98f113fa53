package io.slurmops.bot.config;

import java.time.Duration;

/**
 * The audit/approval store: a JDBC URL (embedded file database by default, MariaDB for several
 * instances) and its credentials. The password is never logged.
 */
public record StoreConfig(String url, String user, String password, Duration leaseTtl, Duration leaseRenewEvery) {

    /** The bound on a takeover after the leader dies: its lease lapses, then a standby's next try wins. */
    public Duration takeoverBound() {
        return leaseTtl.plus(leaseRenewEvery);
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + url.replaceAll("(?i)(password=)[^;&]*", "$1***") + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + ", leaseTtl=" + leaseTtl
                + ", leaseRenewEvery=" + leaseRenewEvery + "]";
    }
}
