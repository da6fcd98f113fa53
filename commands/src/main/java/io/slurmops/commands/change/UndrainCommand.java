package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;

/** Clears the drain flag and keeps the base state (a down node stays down), unlike resume. */
public final class UndrainCommand extends ReturnToService {

    public UndrainCommand() {
        super(declaration("undrain")
                .summary("Clear the drain flag, keeping the node's base state")
                .description("Runs `scontrol update NodeName=HOSTLIST State=UNDRAIN`. Only drained/draining nodes "
                        + "are touched; those drained by a health checker (NHC: …) need --force.")
                .build());
    }

    @Override
    boolean needsIt(NodeRecord n) {
        return n.state().isDrain();
    }

    @Override
    String noLongerNeeded(NodeRecord n) {
        return n.name() + " is no longer drained (" + n.state().display() + ")";
    }

    @Override
    String title(String hosts, Invocation inv, CommandContext ctx) {
        return "Undrain " + hosts;
    }

    @Override
    Step step(CommandContext ctx, String hosts, List<String> names) {
        return Steps.slurm(ctx, "Undrain " + hosts, "scontrol", "update", "NodeName=" + hosts, "State=UNDRAIN");
    }
}
