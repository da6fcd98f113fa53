package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.JobEffect;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sets nodes DOWN at once: every job on them is killed. Destructive; the plan counts the victims. */
public final class DownCommand extends TakeOutOfService {

    public DownCommand() {
        super(declaration("down")
                .summary("Set nodes DOWN now — kills the jobs on them (destructive)")
                .description("Runs `scontrol update NodeName=HOSTLIST State=DOWN Reason=\"REASON [you #N]\"`. Unlike "
                        + "drain, running jobs are killed. Needs an admin requester and two approvals.")
                .risk(Risk.DESTRUCTIVE).jobs(JobEffect.KILLS)
                .build(), "DOWN");
    }

    @Override
    boolean alreadyOut(NodeRecord n) {
        return n.state().isDown();
    }

    @Override
    String alreadyOutNow(NodeRecord n) {
        return n.name() + " is already down";
    }

    @Override
    String verb() {
        return "set down";
    }

    @Override
    String title(String hosts, BlastRadius blast, String reason) {
        return "Set " + hosts + " DOWN (kills " + blast.jobs().size() + " jobs): " + reason;
    }

    @Override
    String stepTitle(String hosts) {
        return "Set " + hosts + " down";
    }

    @Override
    List<String> notes(BlastRadius blast, List<NodeRecord> skipped) {
        List<String> notes = new ArrayList<>();
        notes.add(blast.jobs().isEmpty() ? "Kills no job: none runs there."
                : "KILLS " + blast.jobs().size() + (blast.jobs().size() == 1 ? " JOB" : " JOBS") + " ("
                + blast.jobsSummary() + "). Use drain to let them finish instead.");
        if (!skipped.isEmpty()) {
            notes.add("Skipped, already down: " + NodeTargets.describe(skipped));
        }
        return notes;
    }

    @Override
    Map<String, String> facts(BlastRadius blast) {
        return Map.of("jobs", Integer.toString(blast.jobs().size()));
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        Optional<String> nodes = super.stillApplies(plan, ctx);
        if (nodes.isPresent()) {
            return nodes;
        }
        // Approvers agreed to kill a number of jobs; if more run there now, they must look again.
        try {
            int now = RunningJobs.on(ctx, plannedNodes(plan)).size();
            int approved = Integer.parseInt(plan.fact("jobs"));
            return now > approved ? Optional.of(now + " jobs run there now, the plan was approved for " + approved)
                    : Optional.empty();
        } catch (PlanRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }
}
