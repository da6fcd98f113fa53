package io.slurmops.commands.runbook.run;

import java.time.Duration;

/**
 * Told as a run moves, after the journal recorded each event, so that the bot can report progress
 * where the run was asked for and audit it. Called on the engine's thread; what a listener throws is
 * ignored (a chat outage must not stop a recovery half-way).
 */
public interface RunProgress {

    RunProgress NONE = new RunProgress() {
    };

    /** A run was recorded; it has not tested its preconditions yet. */
    default void runCreated(long run, String runbook) {
    }

    default void stepStarted(long run, int index, String stepId) {
    }

    default void stepEnded(long run, int index, StepStatus status, String output, Duration elapsed) {
    }

    /** The run's state changed (also RUNNING → RUNNING with a new note, e.g. "gate passed"). */
    default void stateChanged(long run, RunState state, String note) {
    }
}
