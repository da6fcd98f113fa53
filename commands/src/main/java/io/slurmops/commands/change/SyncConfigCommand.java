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

/** Copies the controller's slurm.conf to the nodes whose copy differs, then {@code scontrol reconfig}. */
public final class SyncConfigCommand extends DeclaredChange {

    public SyncConfigCommand() {
        super(CommandSpec.builder("sync config")
                .required("HOSTLIST", ArgTypes.hostlist())
                .summary("Copy the controller's slurm.conf to nodes whose copy differs, then reconfig")
                .description("Compares SHA-256 digests; writes the controller's file to each differing node through "
                        + "stdin (`install -m 0644 /dev/stdin PATH`, no shell), then `scontrol reconfig`.")
                .option(OptionSpec.flag("force", "write to every node, even where the digest already matches"))
                .risk(Risk.CHANGE)
                .build());
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        List<NodeRecord> nodes = NodeTargets.records(ctx, inv.hostlist("hostlist"), usage(ctx));
        String path = ctx.cluster().site().slurmConf();
        FileSync.Comparison cmp = FileSync.differingOrRefuse(ctx, path, nodes, inv.flag("force"));
        List<String> names = NodeTargets.names(cmp.differing());
        Step write = Step.onEachHost(names, "Write the controller's " + path,
                List.of("install", "-m", "0644", "/dev/stdin", path), ctx.cluster().site().nodeTimeout())
                .withStdin(cmp.source());
        Step reconfig = Steps.slurm(ctx, "Reconfigure (scontrol reconfig)", "scontrol", "reconfig").onlyWhereSucceeded(1);
        return new Plan(spec().name(), "Sync " + path + " to " + Hostlist.compress(names), List.of(write, reconfig),
                new BlastRadius(NodeTargets.impacts(cmp.differing()), List.of()), cmp.notes(path), Map.of());
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        FileRef source = plan.steps().get(0).stdin();
        return FileSync.sourceChanged(ctx, source);
    }
}
