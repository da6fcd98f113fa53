package io.slurmops.commands.runbook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Slide 21's "never delete state files without backup", as a rule: a step that destroys data needs
 * a verified backup of that data earlier in the same runbook. Only a backup step that certainly runs
 * and certainly stops the run when its verification fails counts (not one behind a {@code when},
 * not an {@code attempt}).
 */
final class BackupRule {

    private BackupRule() {
    }

    static void check(Runbook rb, List<RunbookProblem> problems) {
        Map<DataKind, Step> verified = new EnumMap<>(DataKind.class);
        for (Step s : rb.steps()) {
            s.action().destroys().ifPresent(kind -> {
                if (!verified.containsKey(kind)) {
                    problems.add(problem(s, kind));
                }
            });
            if (s.unconditional() && s.effectiveCheck().isPresent()) {
                s.action().verifiedBackupOf(rb.declared()).ifPresent(kind -> verified.putIfAbsent(kind, s));
            }
        }
    }

    private static RunbookProblem problem(Step s, DataKind kind) {
        String where = "step `" + s.id() + "` (" + s.action().kind() + ")";
        if (kind == DataKind.STATE) {
            return new RunbookProblem(s.location(), "state-without-copy", where + " destroys slurmctld state, but no"
                    + " earlier step copies the state directory (a `state-dir` value) with verification");
        }
        String backup = kind == DataKind.ACCOUNTING_DB ? "a verified `db-dump`" : "a verified `copy` of the `config-dir`";
        return new RunbookProblem(s.location(), "destructive-without-backup",
                where + " destroys the " + kind.text() + ", but no earlier step takes " + backup);
    }
}
