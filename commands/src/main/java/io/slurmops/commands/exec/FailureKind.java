package io.slurmops.commands.exec;

/** Why a command produced no exit code of its own. {@link #NONE} means it ran and exited. */
public enum FailureKind {
    NONE("exited"),
    TIMEOUT("command timeout"),
    REFUSED("connection refused"),
    AUTH_FAILED("authentication failed"),
    HOST_KEY_MISMATCH("host key verification failed"),
    UNREACHABLE("host unreachable"),
    ERROR("could not run");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    /** Short human wording, as used in summary lines ("node[001-003] (3): command timeout"). */
    public String label() {
        return label;
    }
}
