package io.slurmops.commands.change;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drain and down: one {@code scontrol update NodeName=… State=X Reason=…} for the named nodes that
 * are not out of service yet, with the jobs running there as the blast radius. Subclasses say which
 * nodes count as out already and how the plan reads.
 */
abstract class TakeOutOfService extends DeclaredChange {

    private final String state;

    /** The declaration both share: {@code HOSTLIST REASON}. */
    static CommandSpec.Builder declaration(String name) {
        return CommandSpec.builder(name).required("HOSTLIST", ArgTypes.hostlist()).text("REASON", true);
    }

    TakeOutOfService(CommandSpec spec, String state) {
        super(spec);
        this.state = state;
    }

    /** True when the node needs nothing: it is out of service already in the sense of this command. */
    abstract boolean alreadyOut(NodeRecord n);

    /** Why a re-check finds the plan stale for this node. */
    abstract String alreadyOutNow(NodeRecord n);

    abstract String title(String hosts, BlastRadius blast, String reason);

    abstract String stepTitle(String hosts);

    abstract List<String> notes(BlastRadius blast, List<NodeRecord> skipped);

    Map<String, String> facts(BlastRadius blast) {
        return Map.of();
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = usage(ctx);
        List<NodeRecord> nodes = NodeTargets.records(ctx, inv.hostlist("hostlist"), usage);
        String reason = Reasons.tagged(inv.text("reason"), ctx, usage);
        List<NodeRecord> skip = nodes.stream().filter(this::alreadyOut).toList();
        List<NodeRecord> targets = nodes.stream().filter(n -> !alreadyOut(n)).toList();
        if (targets.isEmpty()) {
            throw new PlanRefusedException("nothing to " + verb() + ": " + NodeTargets.describe(skip));
        }
        List<String> names = NodeTargets.names(targets);
        String hosts = Hostlist.compress(names);
        BlastRadius blast = new BlastRadius(NodeTargets.impacts(targets), RunningJobs.on(ctx, names));
        return new Plan(spec().name(), title(hosts, blast, reason),
                List.of(Steps.slurm(ctx, stepTitle(hosts), "scontrol", "update", "NodeName=" + hosts, "State=" + state,
                        "Reason=" + reason)),
                blast, notes(blast, skip), facts(blast));
    }

    String verb() {
        return spec().name();
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        return NodeTargets.recheck(plannedNodes(plan), ctx,
                n -> alreadyOut(n) ? Optional.of(alreadyOutNow(n)) : Optional.empty());
    }
}
