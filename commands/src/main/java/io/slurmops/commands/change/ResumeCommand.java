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

/**
 * Returns drained or down nodes to service. Nodes already fine are skipped; nodes a health checker
 * drained are refused unless --force (the checker would drain them again, or resume them itself).
 */
public final class ResumeCommand implements ChangeCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("resume")
            .arguments("HOSTLIST [REASON]", 1, Integer.MAX_VALUE)
            .summary("Return drained/down nodes to service")
            .description("Runs `scontrol update NodeName=HOSTLIST State=RESUME` after approval. Nodes already in "
                    + "service are skipped; nodes drained by a health checker (reason NHC: …) need --force. "
                    + "REASON goes into the audit (Slurm clears a node's reason on resume).")
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
        ReturnSelection sel = ReturnSelection.of(nodes, NodeConditions::outOfService, inv.flag("force"));
        if (sel.targets().isEmpty()) {
            throw new PlanRefusedException(sel.nothingLeft("resume"));
        }
        List<String> names = NodeTargets.names(sel.targets());
        String hosts = Hostlist.compress(names);
        String why = inv.rest(1).isBlank() ? "" : ": " + inv.rest(1).strip() + " " + ctx.requestTag();
        return new Plan(SPEC.name(), "Resume " + hosts + why,
                List.of(Steps.resume(ctx, "Resume " + hosts, names)),
                new BlastRadius(NodeTargets.impacts(sel.targets()), List.of()), sel.notes("resume"),
                Map.of("force", Boolean.toString(inv.flag("force"))));
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        boolean force = Boolean.parseBoolean(plan.fact("force"));
        return NodeTargets.recheck(plan.blastRadius().nodes().stream().map(n -> n.name()).toList(), ctx, n -> {
            if (!NodeConditions.outOfService(n)) {
                return Optional.of(n.name() + " is already back in service (" + n.state().display() + ")");
            }
            if (!force && NodeConditions.setByHealthChecker(n)) {
                return Optional.of(n.name() + " was meanwhile drained by the health checker (" + n.reason() + ")");
            }
            return Optional.empty();
        });
    }
}
