package io.slurmops.commands.runbook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Slide 21's "never delete state files without backup", as a rule: a step that destroys data needs
 * a verified backup of that data earlier in the same runbook. Only a backup step that certainly runs
 * and certainly stops the run when its verification fails counts (not one behind a {@code when},
 * not an {@code attempt}), and a copy of slurmctld's state counts only while this runbook has
 * slurmctld stopped: slurmctld rewrites its state files while it runs, so a live copy can be torn.
 */
final class BackupRule {

    private BackupRule() {
    }

    static void check(Runbook rb, List<RunbookProblem> problems) {
        Map<DataKind, Step> verified = new EnumMap<>(DataKind.class);
        Step liveCopy = null;
        boolean ctldStopped = false;
        for (Step s : rb.steps()) {
            Step torn = liveCopy;
            s.action().destroys().ifPresent(kind -> {
                if (!verified.containsKey(kind)) {
                    problems.add(problem(s, kind, torn));
                }
            });
            if (s.unconditional() && s.effectiveCheck().isPresent()) {
                java.util.Optional<DataKind> kind = s.action().verifiedBackupOf(rb.declared());
                if (kind.equals(java.util.Optional.of(DataKind.STATE)) && !ctldStopped) {
                    liveCopy = liveCopy == null ? s : liveCopy;
                } else {
                    kind.ifPresent(k -> verified.putIfAbsent(k, s));
                }
            }
            ctldStopped = s.action().serviceChange().filter(c -> c.service() == Service.SLURMCTLD)
                    .map(c -> c.verb() == Action.Verb.STOP).orElse(ctldStopped);
        }
    }

    private static RunbookProblem problem(Step s, DataKind kind, Step liveCopy) {
        String where = "step `" + s.id() + "` (" + s.action().kind() + ")";
        if (kind == DataKind.STATE) {
            return new RunbookProblem(s.location(), "state-without-copy", where + " destroys slurmctld state, but no"
                    + " earlier step copies the state directory (a `state-dir` value) with verification"
                    + (liveCopy == null ? "" : " while slurmctld is stopped (step `" + liveCopy.id()
                    + "` copies it while slurmctld may run: stop slurmctld first)"));
        }
        String backup = kind == DataKind.ACCOUNTING_DB ? "a verified `db-dump`" : "a verified `copy` of the `config-dir`";
        return new RunbookProblem(s.location(), "destructive-without-backup",
                where + " destroys the " + kind.text() + ", but no earlier step takes " + backup);
    }
}
