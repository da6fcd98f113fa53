package io.slurmops.bot.config;

import io.slurmops.commands.backup.VerifyLimits;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/**
 * {@code backups:}: where backups of the state, the accounting database and the configuration are kept
 * (runbook runs make theirs there too), how long they are kept, when the daily backup runs (empty: no
 * scheduled backup), and the account that restores a dump into a scratch schema to verify it.
 *
 * @param database       the accounting database dumped (slurmdbd.conf's StorageLoc)
 * @param clientDefaults a MariaDB client option file on the dbd host for the dump and a restore; empty:
 *                       the client's defaults for the SSH user (root over the socket on the lab)
 * @param verify         {@code verify: {maxRows, timeout}}: up to which size a dump is restored whole to
 *                       verify it; beyond, structure and counts only
 */
public record BackupConfig(String dir, Duration retention, Optional<LocalTime> dailyAt, AccountingDbConfig scratch,
                           String database, String clientDefaults, VerifyLimits verify) {

    public BackupConfig(String dir, Duration retention, Optional<LocalTime> dailyAt, AccountingDbConfig scratch,
                        String database, String clientDefaults) {
        this(dir, retention, dailyAt, scratch, database, clientDefaults, VerifyLimits.DEFAULT);
    }

    public BackupConfig(String dir, Duration retention, Optional<LocalTime> dailyAt, AccountingDbConfig scratch) {
        this(dir, retention, dailyAt, scratch, "slurm_acct_db", "");
    }

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public static BackupConfig defaults() {
        return new BackupConfig("/var/lib/slurmops/backups", DEFAULT_RETENTION, Optional.empty(), AccountingDbConfig.none());
    }
}
