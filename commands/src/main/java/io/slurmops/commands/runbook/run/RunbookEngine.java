package io.slurmops.commands.runbook.run;

import io.slurmops.commands.runbook.BoundRunbook;
import io.slurmops.commands.runbook.Check;
import io.slurmops.commands.runbook.Gate;
import io.slurmops.commands.runbook.Parameter;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.RunbookCanonical;
import io.slurmops.commands.runbook.Step;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs an approved runbook step by step. Every step is recorded STARTED in the journal before it runs
 * and ended with its folded output and elapsed time after its check; a failing step stops the run with
 * a report. A step found STARTED without an end after a restart is never re-run by itself: the run is
 * paused until a person resumes it (checking the step, or re-running it on request) or aborts it.
 */
public final class RunbookEngine {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final RunJournal journal;
    private final Clock clock;
    private final String backupRoot;
    private final StepActions actions;
    private final RunChecks checks;

    /**
     * @param backupRoot   where a run's {@code backupDir} is made (a timestamped directory per run)
     * @param pollInterval how often {@code wait-until} tests its check
     */
    public RunbookEngine(ClusterAccess cluster, RunJournal journal, Clock clock, String backupRoot, Duration pollInterval) {
        this(cluster, journal, clock, backupRoot, pollInterval, RunProgress.NONE, null);
    }

    /** @param progress told of each recorded event (steps, states), to report progress where the run was asked */
    public RunbookEngine(ClusterAccess cluster, RunJournal journal, Clock clock, String backupRoot, Duration pollInterval,
                         RunProgress progress) {
        this(cluster, journal, clock, backupRoot, pollInterval, progress, null);
    }

    /** @param backups the backup service the database steps use; null: db-dump and db-restore fail */
    public RunbookEngine(ClusterAccess cluster, RunJournal journal, Clock clock, String backupRoot, Duration pollInterval,
                         io.slurmops.commands.backup.BackupService backups) {
        this(cluster, journal, clock, backupRoot, pollInterval, RunProgress.NONE, backups);
    }

    public RunbookEngine(ClusterAccess cluster, RunJournal journal, Clock clock, String backupRoot, Duration pollInterval,
                         RunProgress progress, io.slurmops.commands.backup.BackupService backups) {
        this.journal = new ProgressJournal(Objects.requireNonNull(journal, "journal"), progress);
        this.clock = clock;
        this.backupRoot = backupRoot.endsWith("/") ? backupRoot.substring(0, backupRoot.length() - 1) : backupRoot;
        DbActions db = new DbActions(cluster, backups);
        this.checks = new RunChecks(cluster, pollInterval, db);
        this.actions = new StepActions(cluster, checks, db);
    }

    /** Records a new run of the approved plan, binds its run-time values, tests the preconditions, runs. */
    public RunJournal.RunRecord start(BoundRunbook plan) {
        Runbook rb = plan.runbook();
        long id = journal.createRun(rb.name(), RunbookCanonical.hash(plan), plan.planValues(), clock.instant());
        RunValues values = values(id);
        Parameter backup = rb.declared().get(RunValues.BACKUP_DIR);
        if (backup != null && backup.known() == Parameter.Known.RUN) {
            values.record(RunValues.BACKUP_DIR, backupRoot + "/" + rb.name() + "-" + STAMP.format(clock.instant()) + "-run" + id);
        }
        return fromPreconditions(rb, values);
    }

    /**
     * Continues a FAILED or PAUSED run after a fix. The stopped step is re-run only when {@code rerun};
     * otherwise its check is tested and the run goes on only if it holds (a step without a check is
     * taken as done by the person resuming).
     */
    public RunJournal.RunRecord resume(long run, Runbook rb, boolean rerun) {
        RunJournal.RunRecord rec = record(run, rb);
        if (rec.state() != RunState.FAILED && rec.state() != RunState.PAUSED) {
            throw new IllegalStateException("run " + run + " is " + rec.state() + "; only a failed or paused run resumes");
        }
        if (!journal.claimResume(run, rec.state())) {
            throw new IllegalStateException("run " + run + " is being resumed already (by another request or instance)");
        }
        RunValues values = values(run);
        if (rec.steps().isEmpty()) {
            return fromPreconditions(rb, values);
        }
        RunJournal.StepRecord last = rec.steps().get(rec.steps().size() - 1);
        boolean stopped = last.status() == StepStatus.FAILED || last.status() == StepStatus.STARTED;
        if (!stopped) {
            journal.setState(run, RunState.RUNNING, "resumed");
            return advance(rb, values, last.index() + 1);
        }
        journal.setState(run, RunState.RUNNING, "resumed at step " + last.index() + (rerun ? " (re-run)" : ""));
        if (rerun) {
            return advance(rb, values, last.index());
        }
        Step step = rb.steps().get(last.index() - 1);
        Outcome check = step.effectiveCheck().map(c -> checks.test(c, values))
                .orElse(Outcome.ok("no check; taken as done by the person resuming"));
        if (!check.ok()) {
            String why = "its check still fails: " + check.output();
            journal.setState(run, rec.state(), RunReport.failed(rb, run, record(run, rb), last.index(), why));
            return record(run, rb);
        }
        journal.stepEnded(run, last.index(), last.status() == StepStatus.STARTED ? StepStatus.INTERRUPTED : StepStatus.OK,
                last.output() + "\nresumed by a person: " + check.output(), Duration.ZERO);
        return advance(rb, values, last.index() + 1);
    }

    /** The approvals a gate asked for are in: record it and go on. */
    public RunJournal.RunRecord passGate(long run, Runbook rb) {
        RunJournal.RunRecord rec = record(run, rb);
        if (rec.state() != RunState.WAITING_GATE) {
            throw new IllegalStateException("run " + run + " is " + rec.state() + ", not waiting at a gate");
        }
        int next = rec.steps().isEmpty() ? 1 : rec.steps().get(rec.steps().size() - 1).index() + 1;
        RunValues values = values(run);
        values.record(RunValues.GATE_PREFIX + rb.steps().get(next - 1).id(), "passed");
        journal.setState(run, RunState.RUNNING, "gate before step " + next + " passed");
        return advance(rb, values, next);
    }

    public RunJournal.RunRecord abort(long run, Runbook rb, String who) {
        RunJournal.RunRecord rec = record(run, rb);
        if (rec.state().over()) {
            throw new IllegalStateException("run " + run + " is already " + rec.state());
        }
        journal.setState(run, RunState.ABORTED, "aborted by " + who + "\n" + RunReport.state(rec, Integer.MAX_VALUE));
        return record(run, rb);
    }

    /**
     * After a restart, and periodically with several instances: every RUNNING run whose executor is gone
     * (see {@link RunJournal#pauseIfOrphaned}) is paused, with what to check. Returns the runs it paused.
     */
    public List<RunJournal.RunRecord> pauseInterrupted(java.util.function.Function<String, Runbook> runbooks) {
        List<RunJournal.RunRecord> paused = new ArrayList<>();
        for (long id : journal.unfinished()) {
            RunJournal.RunRecord rec = journal.run(id).orElseThrow();
            if (rec.state() != RunState.RUNNING) {
                continue;
            }
            Runbook rb = runbooks.apply(rec.runbook());
            RunJournal.StepRecord last = rec.steps().isEmpty() ? null : rec.steps().get(rec.steps().size() - 1);
            String note = last != null && last.status() == StepStatus.STARTED && rb != null
                    ? RunReport.interrupted(rb, id, rec, last.index())
                    : "run " + id + " was running when the bot stopped; check the cluster, then resume or abort";
            if (journal.pauseIfOrphaned(id, note)) {       // its executor is gone; once across instances
                paused.add(journal.run(id).orElseThrow());
            }
        }
        return paused;
    }

    private RunJournal.RunRecord fromPreconditions(Runbook rb, RunValues values) {
        long run = values.run();
        for (Check c : rb.preconditions()) {
            Outcome o = checks.test(c, values);
            if (!o.ok()) {
                journal.setState(run, RunState.FAILED, "precondition not met, nothing was done: " + c.describe() + " — " + o.output()
                        + "\nnext: fix it, then `!slurm runbook resume " + run + "`, or abort");
                return record(run, rb);
            }
        }
        journal.setState(run, RunState.RUNNING, "started");
        return advance(rb, values, 1);
    }

    private RunJournal.RunRecord advance(Runbook rb, RunValues values, int from) {
        long run = values.run();
        for (int i = from; i <= rb.steps().size(); i++) {
            if (aborted(run)) {
                return record(run, rb);                // aborted by a person while the last step ran
            }
            Step step = rb.steps().get(i - 1);
            List<Gate> gates = rb.gatesBefore(step.id());
            if (!gates.isEmpty() && values.get(RunValues.GATE_PREFIX + step.id()) == null) {
                Optional<String> skip = whenFails(step, values);
                if (skip.isPresent()) {
                    // a gated step that will not run asks nobody (ctld-state-recovery: clearing after a good start)
                    journal.stepStarted(run, i, step.id(), clock.instant());
                    journal.stepEnded(run, i, StepStatus.SKIPPED, skip.get(), Duration.ZERO);
                    continue;
                }
                journal.setState(run, RunState.WAITING_GATE, "waiting for " + gates.get(0).approvals()
                        + " more approval(s) before step " + i + " `" + step.id() + "`: " + gates.get(0).reason());
                return record(run, rb);
            }
            StepStatus status = runStep(rb, step, i, values);
            if (status == StepStatus.FAILED && !aborted(run)) {
                RunJournal.RunRecord rec = record(run, rb);
                journal.setState(run, RunState.FAILED, RunReport.failed(rb, run, rec, i, rec.step(i).orElseThrow().output()));
                return record(run, rb);
            }
        }
        return verify(rb, values);
    }

    /** Why the step's {@code when} does not hold, if it does not (a check that cannot run holds: the gate asks). */
    private Optional<String> whenFails(Step step, RunValues values) {
        if (step.when().isEmpty()) {
            return Optional.empty();
        }
        Outcome when = checks.test(step.when().get(), values);
        return when.ok() || when.output().endsWith("not implemented") || when.output().contains("could not run")
                ? Optional.empty() : Optional.of("skipped: " + step.when().get().describe() + " does not hold");
    }

    /** Records STARTED, runs the action and its check, records the end. */
    private StepStatus runStep(Runbook rb, Step step, int index, RunValues values) {
        long run = values.run();
        journal.stepStarted(run, index, step.id(), clock.instant());
        long t0 = System.nanoTime();
        Outcome outcome;
        boolean skipped = false;
        try {
            Outcome when = step.when().map(c -> checks.test(c, values)).orElse(Outcome.ok(""));
            if (!when.ok() && !when.output().endsWith("not implemented")) {
                skipped = true;
                outcome = Outcome.ok("skipped: " + step.when().orElseThrow().describe() + " does not hold");
            } else if (!when.ok()) {
                outcome = when;
            } else {
                outcome = actions.run(step.action(), values);
                if (outcome.ok() && step.effectiveCheck().isPresent()) {
                    Outcome check = checks.test(step.effectiveCheck().get(), values);
                    outcome = new Outcome(check.ok(), join(outcome.output(), "check: " + check.output()));
                }
            }
        } catch (RuntimeException e) {
            outcome = Outcome.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        StepStatus status = skipped ? StepStatus.SKIPPED : outcome.ok() ? StepStatus.OK
                : step.attempt() ? StepStatus.ATTEMPT_FAILED : StepStatus.FAILED;
        journal.stepEnded(run, index, status, outcome.output(), Duration.ofNanos(System.nanoTime() - t0));
        return status;
    }

    private boolean aborted(long run) {
        return journal.run(run).map(r -> r.state() == RunState.ABORTED).orElse(false);
    }

    private RunJournal.RunRecord verify(Runbook rb, RunValues values) {
        if (aborted(values.run())) {
            return record(values.run(), rb);
        }
        List<String> failed = new ArrayList<>();
        for (Check c : rb.verification()) {
            Outcome o = checks.test(c, values);
            if (!o.ok()) {
                failed.add(c.describe() + ": " + o.output());
            }
        }
        long run = values.run();
        if (failed.isEmpty()) {
            journal.setState(run, RunState.DONE, ("every step done; verified: " + rb.verification().size() + " check(s)"
                    + "\n" + RunReport.lostJobs(record(run, rb))).strip());
        } else {
            journal.setState(run, RunState.FAILED, "every step ran but the final verification failed:\n"
                    + String.join("\n", failed) + "\n" + RunReport.state(record(run, rb), Integer.MAX_VALUE)
                    + "next: fix it, then `!slurm runbook resume " + run + "`, or abort");
        }
        return record(run, rb);
    }

    private RunValues values(long run) {
        return new RunValues(run, journal, journal.run(run).orElseThrow().values());
    }

    private RunJournal.RunRecord record(long run, Runbook rb) {
        RunJournal.RunRecord rec = journal.run(run).orElseThrow(() -> new IllegalArgumentException("no run " + run));
        if (!rec.runbook().equals(rb.name())) {
            throw new IllegalArgumentException("run " + run + " is a run of " + rec.runbook() + ", not " + rb.name());
        }
        return rec;
    }

    private static String join(String a, String b) {
        return a.isBlank() ? b : a.strip() + "\n" + b;
    }
}
