package io.slurmops.commands.runbook.run;

import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.Step;

import java.util.List;

/** The words a stopped run leaves for people: where it stopped, what state the cluster is in, what next. */
final class RunReport {

    private RunReport() {
    }

    static String failed(Runbook rb, long run, RunJournal.RunRecord rec, int index, String why) {
        Step step = rb.steps().get(index - 1);
        StringBuilder b = new StringBuilder();
        b.append("run ").append(run).append(" (").append(rb.name()).append(") stopped at step ").append(index).append('/')
                .append(rb.steps().size()).append(" `").append(step.id()).append("`: ").append(why).append('\n');
        b.append(state(rec, index));
        if (!step.rollback().isBlank()) {
            b.append("to undo this step: ").append(rec.values().isEmpty() ? step.rollback()
                    : io.slurmops.commands.runbook.Template.of(step.rollback()).bind(rec.values())).append('\n');
        }
        b.append("next: fix the cause, then `!slurm runbook resume ").append(run)
                .append("` (re-runs this step's check; `--rerun` re-runs the step) or `!slurm runbook abort ").append(run).append('`');
        return b.toString();
    }

    static String interrupted(Runbook rb, long run, RunJournal.RunRecord rec, int index) {
        Step step = rb.steps().get(index - 1);
        String check = io.slurmops.commands.runbook.Template.of(step.effectiveCheck().map(c -> c.describe())
                .orElse("what `" + step.title() + "` did")).bind(rec.values());
        return "run " + run + " (" + rb.name() + ") paused: step " + index + "/" + rb.steps().size() + " `" + step.id()
                + "` was interrupted (the bot stopped while it ran; it is never re-run by itself)\n" + state(rec, index)
                + (step.action() instanceof io.slurmops.commands.runbook.Actions.Service svc && svc.ignoreState()
                ? "the service manager may still hold " + StateRecovery.OPTIONS_VARIABLE + " with -i: check `systemctl"
                + " show-environment` and `systemctl unset-environment " + StateRecovery.OPTIONS_VARIABLE
                + "` before slurmctld starts again\n" : "")
                + "next: check " + check + ", then `!slurm runbook resume " + run + "` (or `--rerun` to run the step again)"
                + " or `!slurm runbook abort " + run + "`";
    }

    /** Steps done and backups kept, from the durable record. */
    static String state(RunJournal.RunRecord rec, int index) {
        List<String> done = rec.steps().stream().filter(s -> s.index() < index && s.status() != StepStatus.SKIPPED)
                .map(s -> s.index() + " " + s.stepId() + " " + s.status().name().toLowerCase(java.util.Locale.ROOT)).toList();
        String backups = rec.values().keySet().stream().filter(k -> k.startsWith(RunValues.MANIFEST_PREFIX))
                .map(k -> k.substring(RunValues.MANIFEST_PREFIX.length())).reduce((a, c) -> a + ", " + c).orElse("none");
        String down = rec.values().getOrDefault(RunValues.NODES_SET_DOWN, "");
        return "steps done: " + (done.isEmpty() ? "none" : String.join("; ", done)) + "\n"
                + "backups kept: " + backups + "\n"
                + (down.isBlank() ? "" : "nodes this run set down: " + down + "\n")
                + lostJobs(rec);
    }

    /** The jobs the run lost, once the lost-jobs-listed check has listed them. */
    static String lostJobs(RunJournal.RunRecord rec) {
        String lost = rec.values().get(RunValues.JOBS_LOST);
        return lost == null ? "" : "jobs lost: " + lost + "\n";
    }
}
