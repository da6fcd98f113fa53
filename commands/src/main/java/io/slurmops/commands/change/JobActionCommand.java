package io.slurmops.commands.change;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.plan.JobImpact;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** hold, release or requeue one job, each only from the state where it makes sense. */
public final class JobActionCommand extends DeclaredChange {

    private static final String FORMAT = "%i|%u|%T|%r|%j";

    private final String action;

    private JobActionCommand(String action, String summary, String description) {
        super(CommandSpec.builder(action).required("JOBID", ArgTypes.jobId()).summary(summary).description(description)
                .risk(Risk.CHANGE).build());
        this.action = action;
    }

    public static JobActionCommand hold() {
        return new JobActionCommand("hold", "Hold a pending job (it will not start)",
                "Runs `scontrol hold JOBID`. Only pending jobs that are not already held.");
    }

    public static JobActionCommand release() {
        return new JobActionCommand("release", "Release a held job",
                "Runs `scontrol release JOBID`. Only held jobs (JobHeldUser/JobHeldAdmin, launch failed requeued held).");
    }

    public static JobActionCommand requeue() {
        return new JobActionCommand("requeue", "Requeue a running job (it is killed and queued again)",
                "Runs `scontrol requeue JOBID`. Only running or suspended jobs; the current run is lost.");
    }

    private record Job(String id, String user, String state, String reason, String name) {
        boolean held() {
            return reason.startsWith("JobHeld") || reason.contains("held");
        }
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        String id = inv.jobId("jobid");
        Job job = find(ctx, id).orElseThrow(() -> new PlanRefusedException("job " + id
                + " is not in the queue (finished or never existed)"));
        Optional<String> wrong = wrongState(job);
        if (wrong.isPresent()) {
            throw new PlanRefusedException(wrong.get());
        }
        String note = switch (action) {
            case "hold" -> "The job stays pending until released.";
            case "release" -> "The job becomes eligible to start.";
            default -> "The running job is killed and queued again; its current progress is lost.";
        };
        return new Plan(spec().name(), Steps.capitalize(action) + " job " + id + " (" + job.user() + ", " + job.name() + ")",
                List.of(Steps.slurm(ctx, Steps.capitalize(action) + " job " + id, "scontrol", action, id)),
                new BlastRadius(List.of(), List.of(new JobImpact(job.id(), job.user(), job.name(), job.state()))),
                List.of(note), Map.of("job", id));
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        try {
            Optional<Job> job = find(ctx, plan.fact("job"));
            return job.isEmpty() ? Optional.of("job " + plan.fact("job") + " is no longer in the queue")
                    : wrongState(job.get());
        } catch (PlanRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Optional<String> wrongState(Job job) {
        boolean pending = job.state().equals("PENDING");
        return switch (action) {
            case "hold" -> pending && !job.held() ? Optional.empty() : Optional.of("job " + job.id() + " is "
                    + job.state() + (job.held() ? " and already held" : "") + "; only pending jobs can be held");
            case "release" -> pending && job.held() ? Optional.empty() : Optional.of("job " + job.id() + " is "
                    + job.state() + " (" + job.reason() + "), not held; nothing to release");
            default -> job.state().equals("RUNNING") || job.state().equals("SUSPENDED") ? Optional.empty()
                    : Optional.of("job " + job.id() + " is " + job.state() + "; only running or suspended jobs can be requeued");
        };
    }

    private static Optional<Job> find(CommandContext ctx, String id) throws PlanRefusedException {
        ExecResult r = ctx.cluster().slurm("squeue", "-h", "-j", id, "-o", FORMAT);
        if (!r.ok()) {
            if (r.combinedOutput().contains("Invalid job id")) {
                return Optional.empty();
            }
            throw new PlanRefusedException("could not look up job " + id + ": squeue " + r.outcome() + " "
                    + r.combinedOutput().strip());
        }
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\\|", 5);
            if (f.length == 5 && f[0].strip().equals(id)) {
                return Optional.of(new Job(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4]));
            }
        }
        return Optional.empty();
    }
}
