package io.slurmops.commands.plan;

import java.util.Objects;

/** A node a plan touches, with its state and reason when the plan was made. */
public record NodeImpact(String name, String state, String reason) {

    public NodeImpact {
        Objects.requireNonNull(name, "name");
        state = state == null ? "" : state;
        reason = reason == null ? "" : reason;
    }
}
