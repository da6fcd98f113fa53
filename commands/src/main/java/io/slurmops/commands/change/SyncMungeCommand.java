package io.slurmops.commands.change;

import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.FileRef;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook's munge key resync: the controller's key to each node whose key differs (owner munge,
 * mode 0400), then restart munge, then slurmd (a node stays down until slurmd re-registers). The key
 * is a secret: the plan, the audit and the logs carry its SHA-256 only.
 */
public final class SyncMungeCommand extends DeclaredChange {

    public SyncMungeCommand() {
        super(CommandSpec.builder("sync munge")
                .required("HOSTLIST", ArgTypes.hostlist())
                .summary("Copy the controller's munge key to nodes whose key differs; restart munge and slurmd")
                .description("Compares SHA-256 digests (the key itself is never shown); writes the key through stdin "
                        + "with `install -o munge -g munge -m 0400 /dev/stdin KEY`, then restarts munge and slurmd on "
                        + "the nodes where the previous step worked.")
                .option(OptionSpec.flag("force", "write to every node, even where the digest already matches"))
                .risk(Risk.CHANGE)
                .build());
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        List<NodeRecord> nodes = NodeTargets.records(ctx, inv.hostlist("hostlist"), usage(ctx));
        String key = ctx.cluster().site().mungeKey();
        FileSync.Comparison cmp = FileSync.differingOrRefuse(ctx, key, nodes, inv.flag("force"));
        List<String> names = NodeTargets.names(cmp.differing());
        Step write = Step.onEachHost(names, "Write the controller's munge key (owner munge, mode 0400)",
                List.of("install", "-o", "munge", "-g", "munge", "-m", "0400", "/dev/stdin", key),
                ctx.cluster().site().nodeTimeout()).withStdin(cmp.source());
        Step munge = Steps.nodeService(ctx, names, "restart", "munge").onlyWhereSucceeded(1);
        Step slurmd = Steps.nodeService(ctx, names, "restart", "slurmd").onlyWhereSucceeded(2);
        return new Plan(spec().name(), "Sync the munge key to " + Hostlist.compress(names), List.of(write, munge, slurmd),
                new BlastRadius(NodeTargets.impacts(cmp.differing()), RunningJobs.on(ctx, names)), cmp.notes(key),
                Map.of());
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        FileRef source = plan.steps().get(0).stdin();
        return FileSync.sourceChanged(ctx, source);
    }
}
