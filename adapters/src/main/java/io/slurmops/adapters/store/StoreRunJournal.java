package io.slurmops.adapters.store;

import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.StepStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runbook engine's journal in the store: each record is its own committed transaction. */
public final class StoreRunJournal implements RunJournal {

    private final SlurmopsStore store;
    private final Clock clock;

    public StoreRunJournal(SlurmopsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public long createRun(String runbook, String planHash, Map<String, String> planValues, Instant now) {
        return store.transaction(tx -> tx.insertRunbookRun(runbook, planHash, planValues, now));
    }

    @Override
    public void setState(long run, RunState state, String note) {
        store.transaction(tx -> {
            tx.setRunbookRunState(run, state, note, clock.instant());
            return null;
        });
    }

    @Override
    public void setValue(long run, String name, String value) {
        store.transaction(tx -> {
            tx.setRunbookValue(run, name, value);
            return null;
        });
    }

    @Override
    public void stepStarted(long run, int index, String stepId, Instant now) {
        store.transaction(tx -> {
            tx.runbookStepStarted(run, index, stepId, now);
            return null;
        });
    }

    @Override
    public void stepEnded(long run, int index, StepStatus status, String output, Duration elapsed) {
        store.transaction(tx -> {
            tx.runbookStepEnded(run, index, status, output, elapsed);
            return null;
        });
    }

    @Override
    public Optional<RunRecord> run(long run) {
        return store.transaction(tx -> tx.runbookRun(run));
    }

    @Override
    public List<Long> unfinished() {
        return store.transaction(StoreTx::unfinishedRunbookRuns);
    }
}
