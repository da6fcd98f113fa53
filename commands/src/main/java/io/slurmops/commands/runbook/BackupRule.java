package io.slurmops.commands.runbook;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slide 21's "never delete state files without backup", as a rule: a step that destroys data needs
 * a verified backup of that data earlier in the same runbook. Only a backup step that certainly runs
 * and certainly stops the run when its verification fails counts (not one behind a {@code when},
 * not an {@code attempt}). A copy of live files counts only while this runbook has stopped the daemon
 * that writes them: slurmctld rewrites its state files, slurmdbd writes the accounting tables, so a
 * copy taken while they run can be torn.
 */
final class BackupRule {

    private BackupRule() {
    }

    static void check(Runbook rb, List<RunbookProblem> problems) {
        Map<DataKind, Step> verified = new EnumMap<>(DataKind.class);
        Map<DataKind, Step> liveCopies = new EnumMap<>(DataKind.class);
        Set<Service> stopped = EnumSet.noneOf(Service.class);
        for (Step s : rb.steps()) {
            s.action().destroys().ifPresent(kind -> {
                if (!verified.containsKey(kind)) {
                    problems.add(problem(s, kind, liveCopies.get(kind)));
                }
            });
            if (s.unconditional() && s.effectiveCheck().isPresent()) {
                Optional<DataKind> kind = s.action().verifiedBackupOf(rb.declared());
                kind.ifPresent(k -> {
                    Service writer = writer(k);
                    if (writer != null && !stopped.contains(writer)) {
                        liveCopies.putIfAbsent(k, s);
                    } else {
                        verified.putIfAbsent(k, s);
                    }
                });
            }
            s.action().serviceChange().ifPresent(c -> {
                if (c.verb() == Action.Verb.STOP) {
                    stopped.add(c.service());
                } else {
                    stopped.remove(c.service());
                }
            });
        }
    }

    /** The daemon that writes the data while it runs, when a copy of it must wait for that daemon to stop. */
    private static Service writer(DataKind kind) {
        return switch (kind) {
            case STATE -> Service.SLURMCTLD;
            case DB_TABLES -> Service.SLURMDBD;
            default -> null;
        };
    }

    private static RunbookProblem problem(Step s, DataKind kind, Step liveCopy) {
        String where = "step `" + s.id() + "` (" + s.action().kind() + ")";
        if (kind == DataKind.STATE) {
            return new RunbookProblem(s.location(), "state-without-copy", where + " destroys slurmctld state, but no"
                    + " earlier step copies the state directory (a `state-dir` value) with verification"
                    + (liveCopy == null ? "" : " while slurmctld is stopped (step `" + liveCopy.id()
                    + "` copies it while slurmctld may run: stop slurmctld first)"));
        }
        if (kind == DataKind.DB_TABLES) {
            return new RunbookProblem(s.location(), "destructive-without-backup", where + " repairs the damaged"
                    + " accounting tables, but no earlier step takes a verified `db-copy-damaged-tables` while slurmdbd is"
                    + " stopped" + (liveCopy == null ? "" : " (step `" + liveCopy.id()
                    + "` copies them while slurmdbd may run: stop slurmdbd first)"));
        }
        String backup = kind == DataKind.ACCOUNTING_DB ? "a verified `db-dump`" : "a verified `copy` of the `config-dir`";
        return new RunbookProblem(s.location(), "destructive-without-backup",
                where + " destroys the " + kind.text() + ", but no earlier step takes " + backup);
    }
}
