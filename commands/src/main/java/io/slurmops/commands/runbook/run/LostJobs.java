package io.slurmops.commands.runbook.run;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jobs a recovery lost: those the accounting DB had pending or running when the backup's
 * job state was last written (its mtime), that the recovered slurmctld does not know (squeue
 * --states=all also lists jobs that ended within MinJobAge). The job state file is binary and
 * versioned, so it is not parsed; slurmdbd holds the same jobs (its records can trail a job's
 * start by a second or so, see the lab notes, so a job submitted in the last second may be missed).
 */
final class LostJobs {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ClusterAccess cluster;

    LostJobs(ClusterAccess cluster) {
        this.cluster = cluster;
    }

    Outcome list(String backupStateDir, RunValues values) {
        ExecResult mtime = cluster.onController(List.of("stat", "-c", "%Y", "--", backupStateDir + "/job_state"), TIMEOUT);
        if (!mtime.ok()) {
            return Outcome.failed("cannot read the backup's job state " + backupStateDir + "/job_state: " + mtime.outcome()
                    + " " + mtime.stderr().strip());
        }
        ExecResult when = cluster.onController(List.of("date", "-d", "@" + mtime.stdout().strip(), "+%Y-%m-%dT%H:%M:%S"), TIMEOUT);
        if (!when.ok()) {
            return StepActions.one(when);
        }
        String at = when.stdout().strip();
        ExecResult held = cluster.slurm("sacct", "-a", "-X", "-n", "-P", "-o", "JobID", "-s", "PD,R,S,RQ",
                "-S", at, "-E", at);
        if (!held.ok()) {
            return Outcome.failed("cannot ask the accounting DB which jobs were held at " + at + ": " + held.outcome()
                    + " " + held.stderr().strip());
        }
        ExecResult known = cluster.slurm("squeue", "-h", "-a", "-t", "all", "-o", "%i");
        if (!known.ok()) {
            return Outcome.failed("cannot ask slurmctld which jobs it knows: " + known.outcome() + " " + known.stderr().strip());
        }
        Set<String> now = ids(known.stdout());
        Set<String> lost = ids(held.stdout());
        lost.removeAll(now);
        String listed = lost.isEmpty() ? "none" : String.join(",", lost);
        values.record(RunValues.JOBS_LOST, listed);
        return Outcome.ok("jobs lost (pending or running at " + at + " by the accounting DB, unknown to slurmctld now): "
                + listed);
    }

    private static Set<String> ids(String out) {
        Set<String> ids = new LinkedHashSet<>();
        out.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(ids::add);
        return ids;
    }
}
