package io.slurmops.commands.runbook.run;

/** Where a runbook run stands. Only RUNNING runs execute steps; the others wait for a person or are over. */
public enum RunState {
    RUNNING,
    /** Stopped before a gated step until more people approve. */
    WAITING_GATE,
    /** A step started but its end was never recorded (the bot stopped): a person checks, then resumes or aborts. */
    PAUSED,
    /** A step failed; the report says where and what next. Resume after a fix, or abort. */
    FAILED,
    DONE,
    ABORTED;

    public boolean over() {
        return this == DONE || this == ABORTED;
    }
}
