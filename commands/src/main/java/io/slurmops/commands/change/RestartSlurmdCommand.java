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
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.slurm.SlurmConfig;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook's node recovery: restart slurmd on the nodes, then resume those of them that were
 * out of service — only where the restart succeeded.
 */
public final class RestartSlurmdCommand extends DeclaredChange {

    public RestartSlurmdCommand() {
        super(CommandSpec.builder("restart slurmd")
                .required("HOSTLIST", ArgTypes.hostlist())
                .summary("Restart slurmd on nodes, then resume the ones it fixed")
                .description("Step 1 restarts slurmd on each node (node service manager). Step 2 resumes, on the "
                        + "controller, the nodes that were drained/down and whose restart succeeded. Nodes drained by a "
                        + "health checker (NHC: …) are not resumed unless --force. Refused while slurmctld is down.")
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
            throw new PlanRefusedException(refusal.get());
        }
        return restartThenResume(ctx, spec().name(), nodes, inv.flag("force"), List.of(), "Restart slurmd on ");
    }

    /** Slurm's ReturnToService (0 when it cannot be read: then every down node is resumed explicitly). */
    static int returnToService(CommandContext ctx) {
        ExecResult r = ctx.cluster().slurm(SlurmConfig.ARGV);
        if (!r.ok()) {
            return 0;
        }
        try {
            return Integer.parseInt(SlurmConfig.parse(r.stdout()).values().getOrDefault("ReturnToService", "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A DOWN (not drained) node comes back on its own once slurmd registers: with ReturnToService=2
     * always, with 1 only when Slurm set it down for not responding.
     */
    static boolean returnsByItself(NodeRecord n, int returnToService) {
        if (!n.state().isDown() || n.state().isDrain()) {
            return false;
        }
        boolean notResponding = n.reason().toLowerCase(java.util.Locale.ROOT).startsWith("not responding");
        return returnToService == 2 || (returnToService == 1 && notResponding);
    }

    /** Shared with gpu reset: optional steps first, then restart slurmd, then resume what it fixed. */
    static Plan restartThenResume(CommandContext ctx, String command, List<NodeRecord> nodes, boolean force,
                                  List<Step> before, String summaryPrefix) throws PlanRefusedException {
        List<String> names = NodeTargets.names(nodes);
        ReturnSelection sel = ReturnSelection.of(nodes, NodeConditions::outOfService, force);
        List<Step> steps = new ArrayList<>(before);
        Step restart = Steps.nodeService(ctx, names, "restart", "slurmd");
        steps.add(before.isEmpty() ? restart : restart.onlyWhereSucceeded(before.size()));
        int restartStep = steps.size();
        int returnToService = returnToService(ctx);
        List<NodeRecord> selfReturning = sel.targets().stream().filter(n -> returnsByItself(n, returnToService))
                .toList();
        List<String> resumable = NodeTargets.names(sel.targets().stream().filter(n -> !selfReturning.contains(n))
                .toList());
        if (!resumable.isEmpty()) {
            steps.add(Steps.resume(ctx, "Resume the nodes whose slurmd restart succeeded", resumable)
                    .onlyWhereSucceeded(restartStep));
        }
        List<String> notes = new ArrayList<>();
        if (!sel.heldByChecker().isEmpty()) {
            notes.add("Not resumed (health checker took them out; add --force): "
                    + NodeTargets.describe(sel.heldByChecker()));
        }
        if (!selfReturning.isEmpty()) {
            // RESUME on a node that already re-registered fails with "Invalid node state specified".
            notes.add("Not resumed: " + Hostlist.compress(NodeTargets.names(selfReturning)) + " return"
                    + (selfReturning.size() == 1 ? "s" : "") + " to service by itself when slurmd registers "
                    + "(ReturnToService=" + returnToService + ").");
        } else if (resumable.isEmpty()) {
            notes.add("No node needs a resume: none is drained or down.");
        }
        BlastRadius blast = new BlastRadius(NodeTargets.impacts(nodes), RunningJobs.on(ctx, names));
        if (!blast.jobs().isEmpty()) {
            notes.add("Running jobs (" + blast.jobsSummary() + ") keep running through a slurmd restart.");
        }
        return new Plan(command, summaryPrefix + Hostlist.compress(names)
                + (resumable.isEmpty() ? "" : ", then resume " + Hostlist.compress(resumable)),
                steps, blast, notes, Map.of("force", Boolean.toString(force)));
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        List<String> names = plannedNodes(plan);
        Optional<String> gone = NodeTargets.recheck(names, ctx, n -> Optional.empty());
        return gone.isPresent() ? gone : ServiceOrder.nodeSide(ctx, "restart", "slurmd", names);
    }
}
