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
    private final String owner;
    private final Duration staleAfter;

    /** One instance: a run found RUNNING by another journal (a restart) is orphaned at once. */
    public StoreRunJournal(SlurmopsStore store, Clock clock) {
        this(store, clock, "journal-" + java.util.UUID.randomUUID(), Duration.ZERO);
    }

    /**
     * @param owner      this instance's name, recorded on the runs it executes
     * @param staleAfter how old another owner's heartbeat must be before its RUNNING run counts as orphaned
     *                   (zero: at once, for a single instance; with several, longer than the heartbeat period)
     */
    public StoreRunJournal(SlurmopsStore store, Clock clock, String owner, Duration staleAfter) {
        this.store = store;
        this.clock = clock;
        this.owner = owner;
        this.staleAfter = staleAfter;
    }

    @Override
    public long createRun(String runbook, String planHash, Map<String, String> planValues, Instant now) {
        return store.transaction(tx -> {
            long id = tx.insertRunbookRun(runbook, planHash, planValues, now);
            tx.ownRunbookRun(id, owner);
            return id;
        });
    }

    @Override
    public void setState(long run, RunState state, String note) {
        store.transaction(tx -> {
            tx.setRunbookRunState(run, state, note, clock.instant());
            if (state == RunState.RUNNING) {
                tx.ownRunbookRun(run, owner);    // whoever makes it run (a gate passed here) executes it now
            }
            return null;
        });
    }

    @Override
    public boolean pauseIfOrphaned(long run, String note) {
        return store.transaction(tx -> tx.pauseOrphanedRunbookRun(run, owner, staleAfter, note, clock.instant()));
    }

    @Override
    public boolean claimResume(long run, RunState from) {
        return store.transaction(tx -> tx.claimRunbookResume(run, from, owner, clock.instant()));
    }

    @Override
    public int heartbeat() {
        return store.transaction(tx -> tx.runbookHeartbeat(owner));
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
