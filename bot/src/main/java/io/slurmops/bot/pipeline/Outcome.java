package io.slurmops.bot.pipeline;

/** How a chat line ended, for exit codes and the audit. */
public enum Outcome {
    /** Not addressed to the bot, or a redelivery already handled. */
    IGNORED(0),
    /** The command ran and reported (its report may still describe problems). */
    DONE(0),
    /** A change was requested and waits for approval. */
    PENDING(0),
    /** The command could not do its job (a daemon did not answer, a step failed). */
    FAILED(1),
    /** Bad input: unknown command, bad arguments. */
    USAGE(2),
    /** The person lacks the role for it. */
    REFUSED(3);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
