package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.JobImpact;
import io.slurmops.commands.plan.PlanRefusedException;

import java.util.List;

/** The jobs on a set of nodes, with their users: the human part of a blast radius. */
final class RunningJobs {

    private RunningJobs() {
    }

    static List<JobImpact> on(CommandContext ctx, List<String> nodes) throws PlanRefusedException {
        if (nodes.isEmpty()) {
            return List.of();
        }
        ExecResult r = ctx.cluster().slurm("squeue", "-h", "-w", Hostlist.compress(nodes), "-o", JobImpact.SQUEUE_FORMAT);
        if (!r.ok()) {
            throw new PlanRefusedException("could not list the jobs on " + Hostlist.compress(nodes)
                    + ", so the blast radius is unknown: squeue " + r.outcome() + " " + r.combinedOutput().strip());
        }
        return JobImpact.parse(r.stdout());
    }
}
