package io.slurmops.commands.runbook.run;

import io.slurmops.commands.backup.BackupService;
import io.slurmops.commands.backup.DumpCheck;
import io.slurmops.commands.runbook.Actions;
import io.slurmops.commands.runbook.Check;
import io.slurmops.commands.site.ClusterAccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The accounting-database steps of a run (db-dump, db-restore, the dump-restores check), done by the
 * same {@link BackupService} code as the chat commands. The dump's row counts are recorded on the run,
 * so its check (a restore into the scratch schema) compares against the dump's own snapshot even
 * after a restart of the bot.
 */
final class DbActions {

    static final String ROWS_PREFIX = "dumpRows:";

    private final ClusterAccess cluster;
    private final BackupService backups;
    private final DamagedTables tables;
    private final AssocSteps assoc;

    /** @param backups null when the site configured no backups: the database actions then fail, loudly */
    DbActions(ClusterAccess cluster, BackupService backups) {
        this.cluster = cluster;
        this.backups = backups;
        this.tables = new DamagedTables(cluster, backups == null ? null : backups.settings());
        this.assoc = new AssocSteps(cluster, backups == null ? null : backups.settings());
    }

    /** The association dump and load and the database's recreation (slide 15). */
    AssocSteps assoc() {
        return assoc;
    }

    /** The damaged-table steps (copy, repair, CHECK TABLE), which need the database's name and admin client. */
    DamagedTables tables() {
        return tables;
    }

    Outcome dump(Actions.DbDump d, RunValues values) {
        if (backups == null) {
            return unconfigured("action db-dump");
        }
        String to = values.bind(d.to());
        try {
            Map<String, Long> rows = backups.dumpTo(cluster, to);
            values.record(ROWS_PREFIX + to, BackupService.encodeRows(rows));
            return Outcome.ok("dumped " + rows.size() + " table(s), " + total(rows) + " row(s) to " + to);
        } catch (RuntimeException e) {
            return Outcome.failed("the dump failed: " + e.getMessage());
        }
    }

    Outcome verify(Check.DumpRestores c, RunValues values) {
        if (backups == null) {
            return unconfigured("check dump-restores");
        }
        String dump = values.bind(c.dump());
        String rows = values.get(ROWS_PREFIX + dump);
        if (rows == null) {
            return Outcome.failed("no row counts recorded for " + dump + " (the dump did not run in this run)");
        }
        try {
            DumpCheck check = backups.checkDump(cluster, dump, BackupService.decodeRows(rows));
            return check.ok() ? Outcome.ok(check.summary()) : Outcome.failed(check.summary());
        } catch (RuntimeException e) {
            return Outcome.failed("the scratch restore failed: " + e.getMessage());
        }
    }

    /** The live database against the dump's own rows (after a restore, or when a person resumes one). */
    Outcome matches(Check.DbMatchesDump c, RunValues values) {
        if (backups == null) {
            return unconfigured("check db-matches-dump");
        }
        String dump = values.bind(c.dump());
        List<String> diff = backups.compareLive(cluster, dump);
        return diff.isEmpty() ? Outcome.ok("every table of the accounting database has the row count of " + dump)
                : Outcome.failed("the accounting database differs from " + dump + ": " + String.join(", ", diff));
    }

    /** Replaces the accounting database; refused while slurmdbd runs (it would write over the restore). */
    Outcome restore(Actions.DbRestore r, RunValues values) {
        if (backups == null) {
            return unconfigured("action db-restore");
        }
        String from = values.bind(r.from());
        List<String> argv = new ArrayList<>(cluster.site().serviceManager());
        argv.addAll(List.of("is-active", cluster.site().unit("slurmdbd")));
        if (cluster.onHost(cluster.site().dbdHost(), argv).ok()) {
            return Outcome.failed("slurmdbd is running on " + cluster.site().dbdHost() + "; stop it before the restore");
        }
        try {
            List<String> diff = backups.restoreDump(cluster, from);
            return diff.isEmpty() ? Outcome.ok("restored " + from + "; every table has the dump's row count")
                    : Outcome.failed("restored " + from + " but the rows differ: " + String.join(", ", diff));
        } catch (RuntimeException e) {
            return Outcome.failed("the restore failed: " + e.getMessage());
        }
    }

    /** Without a backup service (no backups: configuration) the step fails loudly, never looks done. */
    private static Outcome unconfigured(String what) {
        return Outcome.failed(what + " not implemented here: this engine has no backup service (configure backups:)");
    }

    private static long total(Map<String, Long> rows) {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
