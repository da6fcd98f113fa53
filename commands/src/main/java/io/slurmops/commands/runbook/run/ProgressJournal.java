package io.slurmops.commands.runbook.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine's journal that tells a {@link RunProgress} about each event once it is recorded. */
final class ProgressJournal implements RunJournal {

    private final RunJournal journal;
    private final RunProgress progress;

    ProgressJournal(RunJournal journal, RunProgress progress) {
        this.journal = journal;
        this.progress = progress;
    }

    @Override
    public long createRun(String runbook, String planHash, Map<String, String> planValues, Instant now) {
        long id = journal.createRun(runbook, planHash, planValues, now);
        tell(() -> progress.runCreated(id, runbook));
        return id;
    }

    @Override
    public void setState(long run, RunState state, String note) {
        journal.setState(run, state, note);
        tell(() -> progress.stateChanged(run, state, note));
    }

    @Override
    public boolean pauseIfOrphaned(long run, String note) {
        boolean paused = journal.pauseIfOrphaned(run, note);
        if (paused) {
            tell(() -> progress.stateChanged(run, RunState.PAUSED, note));
        }
        return paused;
    }

    @Override
    public boolean claimResume(long run, RunState from) {
        return journal.claimResume(run, from);
    }

    @Override
    public int heartbeat() {
        return journal.heartbeat();
    }

    @Override
    public void setValue(long run, String name, String value) {
        journal.setValue(run, name, value);
    }

    @Override
    public void stepStarted(long run, int index, String stepId, Instant now) {
        journal.stepStarted(run, index, stepId, now);
        tell(() -> progress.stepStarted(run, index, stepId));
    }

    @Override
    public void stepEnded(long run, int index, StepStatus status, String output, Duration elapsed) {
        journal.stepEnded(run, index, status, output, elapsed);
        tell(() -> progress.stepEnded(run, index, status, output, elapsed));
    }

    @Override
    public Optional<RunRecord> run(long run) {
        return journal.run(run);
    }

    @Override
    public List<Long> unfinished() {
        return journal.unfinished();
    }

    private static void tell(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // progress is reporting only: the durable record above is what counts
        }
    }
}
