package io.slurmops.bot.lab;

import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mass action on the real lab: {@code drain ALL} with a real job running needs an admin and two
 * approvals and says how many jobs it kills (none: drain lets the job finish); {@code down ALL} is
 * refused with the runbook. Nothing is approved, so the lab is left as it was; the job is cancelled.
 */
@LabTest
class MassActionLabTest {

    @TempDir
    Path state;
    @TempDir
    Path jobDir;
    private String jobId;

    @AfterEach
    void cancelTheJob() throws Exception {
        if (jobId != null) {
            LabCluster.exec(List.of("scancel", jobId), 30);
        }
    }

    @Test
    void drainAllShowsTheRunningJobAndNeedsTwoApprovalsFromAnAdminRequest() throws Exception {
        LabCluster.Result submit = LabCluster.exec(List.of("sbatch", "--parsable", "-N1", "-J", "mass-lab",
                "-D", jobDir.toString(), "-o", jobDir.resolve("out").toString(), "--wrap", "sleep 300"), 30);
        assertThat(submit.exitCode()).as(submit.output()).isZero();
        jobId = submit.output().strip().split(";")[0];
        waitUntilRunning(jobId);

        LabCluster.Result byOperator = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm drain ALL lab test");
        assertThat(byOperator.exitCode()).as(byOperator.output()).isEqualTo(3);
        assertThat(byOperator.output()).contains("mass action").contains("needs an admin requester and 2 approvals");

        LabCluster.Result byAdmin = SlurmopsProcess.run(state, "run", "--as", "erin", "!slurm drain ALL lab test");
        assertThat(byAdmin.exitCode()).as(byAdmin.output()).isZero();
        assertThat(byAdmin.output()).contains("#2 needs 2 approvals").contains("4 of 4 nodes (ALL")
                .contains("kills 0 jobs: drain lets the 1 running job finish")
                .contains("NodeName=node[001-004] State=DRAIN");
        LabCluster.Result withdraw = SlurmopsProcess.run(state, "run", "--as", "erin", "!slurm cancel 2");
        assertThat(withdraw.exitCode()).as(withdraw.output()).isZero();

        LabCluster.Result down = SlurmopsProcess.run(state, "run", "--as", "erin", "!slurm down ALL fast reset");
        assertThat(down.exitCode()).as(down.output()).isEqualTo(3);
        assertThat(down.output()).contains("shortcut that backfires").contains("!slurm runbook run cluster-restart");
        assertThat(LabCluster.exec(List.of("sinfo", "-h", "-o", "%T"), 30).output())
                .as("nothing was drained or set down").doesNotContain("drain").doesNotContain("down");

        LabCluster.Result audit = SlurmopsProcess.run(state, "audit");
        assertThat(audit.output()).contains("REJECTED").contains("mass action").contains("cluster-restart");
    }

    private static void waitUntilRunning(String id) throws Exception {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            String st = LabCluster.exec(List.of("squeue", "-h", "-j", id, "-o", "%T"), 30).output().strip();
            if (st.equals("RUNNING")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job " + id + " did not start within a minute");
    }
}
