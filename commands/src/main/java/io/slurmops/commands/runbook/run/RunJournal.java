package io.slurmops.commands.runbook.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where runs and steps are recorded durably, each call committed before it returns: the engine
 * records STARTED before it runs a step, so a restart can tell a finished step from an interrupted one.
 */
public interface RunJournal {

    /** A run's durable record. Values are the plan-time ones and those recorded while running. */
    record RunRecord(long id, String runbook, String planHash, RunState state, String note, Map<String, String> values,
                     List<StepRecord> steps) {

        public Optional<StepRecord> step(int index) {
            return steps.stream().filter(s -> s.index() == index).findFirst();
        }
    }

    /** One step's record; {@code ended} is empty while it is STARTED. */
    record StepRecord(int index, String stepId, StepStatus status, String output, Instant started,
                      Optional<Duration> elapsed) {
    }

    long createRun(String runbook, String planHash, Map<String, String> planValues, Instant now);

    void setState(long run, RunState state, String note);

    void setValue(long run, String name, String value);

    void stepStarted(long run, int index, String stepId, Instant now);

    void stepEnded(long run, int index, StepStatus status, String output, Duration elapsed);

    Optional<RunRecord> run(long run);

    /** Runs not over (RUNNING, PAUSED, FAILED, WAITING_GATE), oldest first: what a restart must look at. */
    List<Long> unfinished();

    /**
     * Pauses a RUNNING run whose executor is gone (a restart, or another instance that died mid-step), with
     * {@code note}; false when it is not orphaned or another instance paused it first. A journal of one
     * process has no other executor: every RUNNING run it finds at a start is orphaned.
     */
    default boolean pauseIfOrphaned(long run, String note) {
        setState(run, RunState.PAUSED, note);
        return true;
    }

    /** Takes a run still in state {@code from} for resuming; false when someone resumed it first. */
    default boolean claimResume(long run, RunState from) {
        return true;
    }

    /** Tells the other instances that the runs this one executes are alive; returns how many. */
    default int heartbeat() {
        return 0;
    }
}
