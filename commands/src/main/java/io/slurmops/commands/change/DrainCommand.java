package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drains nodes: running jobs finish, no new job starts. Nodes already drained or down are left alone. */
public final class DrainCommand implements ChangeCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("drain")
            .arguments("HOSTLIST REASON", 2, Integer.MAX_VALUE)
            .summary("Drain nodes (running jobs finish, no new jobs start)")
            .description("Runs `scontrol update NodeName=HOSTLIST State=DRAIN Reason=\"REASON [you #N]\"` after "
                    + "approval. Nodes already drained or down are skipped.")
            .risk(Risk.CHANGE)
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = SPEC.usage(ctx.prefix());
        List<NodeRecord> nodes = NodeTargets.resolve(inv.arg(0), ctx, usage);
        String reason = Reasons.tagged(inv.rest(1), ctx, usage);
        List<NodeRecord> skip = nodes.stream().filter(NodeConditions::drainedOrDown).toList();
        List<NodeRecord> targets = nodes.stream().filter(n -> !NodeConditions.drainedOrDown(n)).toList();
        if (targets.isEmpty()) {
            throw new PlanRefusedException("nothing to drain: " + NodeTargets.describe(skip));
        }
        String hosts = Hostlist.compress(NodeTargets.names(targets));
        List<String> notes = new ArrayList<>();
        if (!skip.isEmpty()) {
            notes.add("Skipped, already out of service: " + NodeTargets.describe(skip));
        }
        BlastRadius blast = new BlastRadius(NodeTargets.impacts(targets), RunningJobs.on(ctx, NodeTargets.names(targets)));
        notes.add(blast.jobs().isEmpty() ? "No jobs run there." : "Running jobs (" + blast.jobsSummary()
                + ") finish normally; no new job starts on these nodes.");
        return new Plan(SPEC.name(), "Drain " + hosts + ": " + reason,
                List.of(Steps.slurm(ctx, "Drain " + hosts, "scontrol", "update", "NodeName=" + hosts, "State=DRAIN",
                        "Reason=" + reason)),
                blast, notes, Map.of());
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        return NodeTargets.recheck(plan.blastRadius().nodes().stream().map(n -> n.name()).toList(), ctx,
                n -> NodeConditions.drainedOrDown(n)
                        ? Optional.of(n.name() + " is already " + n.state().display()
                        + (n.hasReason() ? " (" + n.reason() + ")" : "")) : Optional.empty());
    }
}
