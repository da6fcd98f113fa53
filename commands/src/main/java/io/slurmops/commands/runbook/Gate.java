package io.slurmops.commands.runbook;

import java.util.Objects;

/**
 * A further approval, inside the approved run, before a chosen step: the run pauses there until
 * {@code approvals} more people approve in the request's thread.
 */
public record Gate(String beforeStep, int approvals, String reason, Location location) {

    public Gate {
        Objects.requireNonNull(beforeStep, "beforeStep");
        if (approvals < 1) {
            throw new IllegalArgumentException("a gate needs at least one approval");
        }
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(location, "location");
    }
}
