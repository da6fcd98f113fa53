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

/** Sets nodes DOWN at once: every job on them is killed. Destructive; the plan counts the victims. */
public final class DownCommand implements ChangeCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("down")
            .arguments("HOSTLIST REASON", 2, Integer.MAX_VALUE)
            .summary("Set nodes DOWN now — kills the jobs on them (destructive)")
            .description("Runs `scontrol update NodeName=HOSTLIST State=DOWN Reason=\"REASON [you #N]\"`. Unlike "
                    + "drain, running jobs are killed. Needs an admin requester and two approvals.")
            .risk(Risk.DESTRUCTIVE)
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
        List<NodeRecord> skip = nodes.stream().filter(n -> n.state().isDown()).toList();
        List<NodeRecord> targets = nodes.stream().filter(n -> !n.state().isDown()).toList();
        if (targets.isEmpty()) {
            throw new PlanRefusedException("nothing to set down: " + NodeTargets.describe(skip));
        }
        String hosts = Hostlist.compress(NodeTargets.names(targets));
        BlastRadius blast = new BlastRadius(NodeTargets.impacts(targets), RunningJobs.on(ctx, NodeTargets.names(targets)));
        List<String> notes = new ArrayList<>();
        notes.add(blast.jobs().isEmpty() ? "Kills no job: none runs there."
                : "KILLS " + blast.jobs().size() + (blast.jobs().size() == 1 ? " JOB" : " JOBS") + " ("
                + blast.jobsSummary() + "). Use drain to let them finish instead.");
        if (!skip.isEmpty()) {
            notes.add("Skipped, already down: " + NodeTargets.describe(skip));
        }
        return new Plan(SPEC.name(), "Set " + hosts + " DOWN (kills " + blast.jobs().size() + " jobs): " + reason,
                List.of(Steps.slurm(ctx, "Set " + hosts + " down", "scontrol", "update", "NodeName=" + hosts,
                        "State=DOWN", "Reason=" + reason)),
                blast, notes, Map.of("jobs", Integer.toString(blast.jobs().size())));
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        Optional<String> nodes = NodeTargets.recheck(plan.blastRadius().nodes().stream().map(n -> n.name()).toList(),
                ctx, n -> n.state().isDown() ? Optional.of(n.name() + " is already down") : Optional.empty());
        if (nodes.isPresent()) {
            return nodes;
        }
        // Approvers agreed to kill a number of jobs; if more run there now, they must look again.
        try {
            int now = RunningJobs.on(ctx, plan.blastRadius().nodes().stream().map(n -> n.name()).toList()).size();
            int approved = Integer.parseInt(plan.fact("jobs"));
            return now > approved ? Optional.of(now + " jobs run there now, the plan was approved for " + approved)
                    : Optional.empty();
        } catch (PlanRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }
}
