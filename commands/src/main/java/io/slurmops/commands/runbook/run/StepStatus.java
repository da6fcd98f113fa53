package io.slurmops.commands.runbook.run;

/** What happened to one step of a run. STARTED with no end is a step the bot was interrupted in. */
public enum StepStatus {
    STARTED, OK, FAILED,
    /** An {@code attempt} step that failed: the run goes on, a later step's {@code when} decides. */
    ATTEMPT_FAILED,
    /** Its {@code when} did not hold. */
    SKIPPED,
    /** Interrupted, and a person chose to go on without re-running it. */
    INTERRUPTED
}
