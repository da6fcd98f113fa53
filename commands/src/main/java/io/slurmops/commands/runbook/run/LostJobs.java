package io.slurmops.commands.runbook.run;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs a recovery lost: the batch jobs slurmctld held when the backup was taken, that the
 * recovered slurmctld does not know. slurmctld keeps each batch job's script and environment in
 * StateSaveLocation/hash.N/job.ID while it knows the job (and purges the directories of jobs it
 * lost on its next start), so the backup's job directories are what it held; the job_state file
 * itself is binary and versioned. Verified on the lab: the accounting DB is not a reliable source,
 * since runaway records (a job slurmdbd still has RUNNING after a lost state) look held forever.
 * Interactive allocations (salloc/srun without a batch script) leave no directory and are not listed.
 */
final class LostJobs {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern JOB_DIR = Pattern.compile("/hash\\.\\d+/job\\.(\\d+)$");

    private final ClusterAccess cluster;

    LostJobs(ClusterAccess cluster) {
        this.cluster = cluster;
    }

    Outcome list(String backupStateDir, RunValues values) {
        ExecResult dirs = cluster.onController(List.of("find", backupStateDir, "-mindepth", "2", "-maxdepth", "2",
                "-type", "d", "-name", "job.*"), TIMEOUT);
        if (!dirs.ok()) {
            return Outcome.failed("cannot list the batch jobs in the backup " + backupStateDir + ": " + dirs.outcome()
                    + " " + dirs.stderr().strip());
        }
        Set<Long> held = new TreeSet<>();
        dirs.stdout().lines().map(String::strip).map(JOB_DIR::matcher).filter(Matcher::find)
                .forEach(m -> held.add(Long.parseLong(m.group(1))));
        ExecResult known = cluster.slurm("squeue", "-h", "-a", "-t", "all", "-o", "%A");
        if (!known.ok()) {
            return Outcome.failed("cannot ask slurmctld which jobs it knows: " + known.outcome() + " " + known.stderr().strip());
        }
        Set<Long> lost = new TreeSet<>(held);
        known.stdout().lines().map(String::strip).filter(l -> l.matches("\\d+")).map(Long::parseLong).forEach(lost::remove);
        String listed = lost.isEmpty() ? "none" : String.join(",", lost.stream().map(String::valueOf).toList());
        values.record(RunValues.JOBS_LOST, listed);
        return Outcome.ok(held.size() + " batch job(s) in the backup; lost (unknown to slurmctld now): " + listed);
    }
}
