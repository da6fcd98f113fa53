package io.slurmops.commands.change;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resume and undrain: return the named nodes that need it to service. Nodes already fine are
 * skipped; nodes a health checker took out are refused unless --force (the checker would take them
 * out again, or return them itself). Subclasses say which nodes need it and which step runs.
 */
abstract class ReturnToService extends DeclaredChange {


    /** The declaration both share: {@code HOSTLIST} and {@code --force}, at change risk. */
    static CommandSpec.Builder declaration(String name) {
        return CommandSpec.builder(name).required("HOSTLIST", ArgTypes.hostlist()).option(ReturnSelection.FORCE)
                .risk(Risk.CHANGE);
    }

    ReturnToService(CommandSpec spec) {
        super(spec);
    }

    abstract boolean needsIt(NodeRecord n);

    /** Why a re-check finds the plan stale for a node that no longer needs it. */
    abstract String noLongerNeeded(NodeRecord n);

    abstract String title(String hosts, Invocation inv, CommandContext ctx);

    abstract Step step(CommandContext ctx, String hosts, List<String> names);

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        List<NodeRecord> nodes = NodeTargets.records(ctx, inv.hostlist("hostlist"), usage(ctx));
        ReturnSelection sel = ReturnSelection.of(nodes, this::needsIt, inv.flag("force"));
        if (sel.targets().isEmpty()) {
            throw new PlanRefusedException(sel.nothingLeft(spec().name()));
        }
        List<String> names = NodeTargets.names(sel.targets());
        String hosts = Hostlist.compress(names);
        return new Plan(spec().name(), title(hosts, inv, ctx), List.of(step(ctx, hosts, names)),
                new BlastRadius(NodeTargets.impacts(sel.targets()), List.of()), sel.notes(spec().name()),
                Map.of("force", Boolean.toString(inv.flag("force"))));
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        boolean force = Boolean.parseBoolean(plan.fact("force"));
        return NodeTargets.recheck(plannedNodes(plan), ctx, n -> {
            if (!needsIt(n)) {
                return Optional.of(noLongerNeeded(n));
            }
            if (!force && NodeConditions.setByHealthChecker(n)) {
                return Optional.of(n.name() + " was meanwhile drained by the health checker (" + n.reason() + ")");
            }
            return Optional.empty();
        });
    }
}
