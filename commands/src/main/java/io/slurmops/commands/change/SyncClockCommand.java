package io.slurmops.commands.change;

import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Steps the clock of nodes at once ({@code chronyc makestep}), for "time stamp too far in the future". */
public final class SyncClockCommand extends DeclaredChange {

    public SyncClockCommand() {
        super(CommandSpec.builder("sync clock")
                .required("HOSTLIST", ArgTypes.hostlist())
                .summary("Step the nodes' clocks now (chronyc makestep)")
                .description("Runs `chronyc makestep` on each node: for munge/Slurm errors like \"Message time stamp is "
                        + "too far in the future\". Needs chrony on the nodes.")
                .risk(Risk.CHANGE)
                .build());
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        List<NodeRecord> nodes = NodeTargets.records(ctx, inv.hostlist("hostlist"), usage(ctx));
        List<String> names = NodeTargets.names(nodes);
        return new Plan(spec().name(), "Step the clock on " + Hostlist.compress(names),
                List.of(Step.onEachHost(names, "Step the clock", List.of("chronyc", "makestep"),
                        ctx.cluster().site().nodeTimeout())),
                new BlastRadius(NodeTargets.impacts(nodes), List.of()),
                List.of("A clock jump can make running jobs' timers misbehave; munge credentials work again at once."),
                Map.of());
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        return NodeTargets.recheck(plannedNodes(plan), ctx,
                n -> Optional.empty());
    }
}
