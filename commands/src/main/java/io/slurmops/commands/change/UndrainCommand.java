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

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Clears the drain flag and keeps the base state (a down node stays down), unlike resume. */
public final class UndrainCommand implements ChangeCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("undrain")
            .arguments("HOSTLIST", 1, 1)
            .summary("Clear the drain flag, keeping the node's base state")
            .description("Runs `scontrol update NodeName=HOSTLIST State=UNDRAIN`. Only drained/draining nodes are "
                    + "touched; those drained by a health checker (NHC: …) need --force.")
            .option(ReturnSelection.FORCE)
            .risk(Risk.CHANGE)
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        List<NodeRecord> nodes = NodeTargets.resolve(inv.arg(0), ctx, SPEC.usage(ctx.prefix()));
        ReturnSelection sel = ReturnSelection.of(nodes, n -> n.state().isDrain(), inv.flag("force"));
        if (sel.targets().isEmpty()) {
            throw new PlanRefusedException(sel.nothingLeft("undrain"));
        }
        String hosts = Hostlist.compress(NodeTargets.names(sel.targets()));
        return new Plan(SPEC.name(), "Undrain " + hosts,
                List.of(Steps.slurm(ctx, "Undrain " + hosts, "scontrol", "update", "NodeName=" + hosts, "State=UNDRAIN")),
                new BlastRadius(NodeTargets.impacts(sel.targets()), List.of()), sel.notes("undrain"),
                Map.of("force", Boolean.toString(inv.flag("force"))));
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        boolean force = Boolean.parseBoolean(plan.fact("force"));
        return NodeTargets.recheck(plan.blastRadius().nodes().stream().map(n -> n.name()).toList(), ctx, n -> {
            if (!n.state().isDrain()) {
                return Optional.of(n.name() + " is no longer drained (" + n.state().display() + ")");
            }
            if (!force && NodeConditions.setByHealthChecker(n)) {
                return Optional.of(n.name() + " was meanwhile drained by the health checker (" + n.reason() + ")");
            }
            return Optional.empty();
        });
    }
}
