package io.slurmops.commands.read;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;

/** A check that {@code health} can run next to the others over the same nodes. */
public interface HealthCheck {

    /** Short name in the health summary: "munge", "config", "clock" … */
    String checkName();

    /** Runs the check; problems of the cluster are a report, never an exception. */
    CheckReport check(CommandContext ctx, NodeTargets targets);
}
