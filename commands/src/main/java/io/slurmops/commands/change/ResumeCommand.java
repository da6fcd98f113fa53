package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;

/** Returns drained or down nodes to service (State=RESUME). */
public final class ResumeCommand extends ReturnToService {

    public ResumeCommand() {
        super(declaration("resume").text("REASON", false)
                .summary("Return drained/down nodes to service")
                .description("Runs `scontrol update NodeName=HOSTLIST State=RESUME` after approval. Nodes already in "
                        + "service are skipped; nodes drained by a health checker (reason NHC: …) need --force. "
                        + "REASON goes into the audit (Slurm clears a node's reason on resume).")
                .build());
    }

    @Override
    boolean needsIt(NodeRecord n) {
        return NodeConditions.outOfService(n);
    }

    @Override
    String noLongerNeeded(NodeRecord n) {
        return n.name() + " is already back in service (" + n.state().display() + ")";
    }

    @Override
    String title(String hosts, Invocation inv, CommandContext ctx) {
        String why = inv.text("reason").strip();
        return "Resume " + hosts + (why.isEmpty() ? "" : ": " + why + " " + ctx.requestTag());
    }

    @Override
    Step step(CommandContext ctx, String hosts, List<String> names) {
        return Steps.resume(ctx, "Resume " + hosts, names);
    }
}
