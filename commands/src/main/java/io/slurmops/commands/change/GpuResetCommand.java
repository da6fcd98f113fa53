package io.slurmops.commands.change;

import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;
import java.util.Optional;

/** The runbook's GPU driver fix: persistence mode on, restart slurmd, resume the nodes it fixed. */
public final class GpuResetCommand extends DeclaredChange {

    public GpuResetCommand() {
        super(CommandSpec.builder("gpu reset")
                .required("HOSTLIST", ArgTypes.hostlist())
                .summary("Enable GPU persistence mode, restart slurmd, resume the fixed nodes")
                .description("For \"couldn't communicate with NVIDIA driver\": `nvidia-smi -pm 1` on each node, then "
                        + "restart slurmd where that worked, then resume the drained/down nodes whose restart worked.")
                .option(ReturnSelection.FORCE)
                .risk(Risk.CHANGE)
                .build());
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        List<NodeRecord> nodes = NodeTargets.records(ctx, inv.hostlist("hostlist"), usage(ctx));
        List<String> names = NodeTargets.names(nodes);
        Optional<String> refusal = ServiceOrder.nodeSide(ctx, "restart", "slurmd", names);
        if (refusal.isPresent()) {
            throw new io.slurmops.commands.plan.PlanRefusedException(refusal.get());
        }
        Step persistence = Step.onEachHost(names, "Enable GPU persistence mode", List.of("nvidia-smi", "-pm", "1"),
                ctx.cluster().site().nodeTimeout());
        return RestartSlurmdCommand.restartThenResume(ctx, spec().name(), nodes, inv.flag("force"),
                List.of(persistence), "Reset GPUs on ");
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        List<String> names = plannedNodes(plan);
        Optional<String> gone = NodeTargets.recheck(names, ctx, n -> Optional.empty());
        return gone.isPresent() ? gone : ServiceOrder.nodeSide(ctx, "restart", "slurmd", names);
    }
}
