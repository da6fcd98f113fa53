package io.slurmops.bot.lab;

import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four-eyes on the real lab: a request in one slurmops process, the approval in another, the
 * node really drained and resumed, and the audit readable from a third — all sharing one store file.
 */
@LabTest
class ApprovalLabTest {

    private static final String NODE = "node004";

    @TempDir
    Path state;

    @AfterEach
    void putTheNodeBack() throws Exception {
        SlurmopsProcess.resume(NODE);
    }

    @Test
    void drainAndResumeThroughRequestApprovalExecutionAndAuditInSeparateProcesses() throws Exception {
        SlurmopsProcess.idleNode(NODE); // the brief names node004; wait if a drill elsewhere holds it

        LabCluster.Result ask = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm drain node004 maintenance");
        assertThat(ask.exitCode()).as(ask.output()).isZero();
        assertThat(ask.output()).contains("#1 needs 1 approval").contains("NodeName=node004 State=DRAIN")
                .contains("'Reason=maintenance [alice #1]'").contains("May approve  bob, dave, erin");
        assertThat(SlurmopsProcess.state(NODE)).as("nothing happens before approval").startsWith("idle");

        LabCluster.Result self = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm approve 1");
        assertThat(self.exitCode()).isEqualTo(3);
        assertThat(SlurmopsProcess.state(NODE)).startsWith("idle");

        LabCluster.Result approve = SlurmopsProcess.run(state, "run", "--as", "bob", "!slurm approve 1");
        assertThat(approve.exitCode()).as(approve.output()).isZero();
        assertThat(approve.output()).contains("#1 approved by bob (1/1)").contains("done");
        assertThat(SlurmopsProcess.state(NODE)).isEqualTo("drained");
        assertThat(SlurmopsProcess.reason(NODE)).isEqualTo("maintenance [alice #1]");

        LabCluster.Result again = SlurmopsProcess.run(state, "run", "--as", "dave", "!slurm approve 1");
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.output()).contains("#1 is already succeeded");

        LabCluster.Result resume = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm resume node004 done");
        assertThat(resume.exitCode()).as(resume.output()).isZero();
        assertThat(resume.output()).contains("#2 needs 1 approval").contains("NodeName=node004 State=RESUME");
        LabCluster.Result approveResume = SlurmopsProcess.run(state, "run", "--as", "dave", "!slurm approve 2");
        assertThat(approveResume.exitCode()).as(approveResume.output()).isZero();
        assertThat(SlurmopsProcess.state(NODE)).matches("idle\\*?|mixed|allocated");

        LabCluster.Result audit = SlurmopsProcess.run(state, "audit", "--request", "1");
        assertThat(audit.exitCode()).as(audit.output()).isZero();
        assertThat(audit.output()).contains("REQUESTED").contains("VOTE_IGNORED").contains("APPROVED")
                .contains("STARTED").contains("STEP").contains("exits localhost=0").contains("SUCCEEDED");
    }

    @Test
    void theRunbookServiceOrderIsCheckedAgainstTheRealDaemons() throws Exception {
        LabCluster.Result dbd = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm stop slurmdbd");
        assertThat(dbd.exitCode()).as(dbd.output()).isEqualTo(3);
        assertThat(dbd.output()).contains("cannot stop slurmdbd while slurmctld is running: stop slurmctld first");
        LabCluster.Result munge = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm stop munge " + NODE);
        assertThat(munge.exitCode()).as(munge.output()).isEqualTo(3);
        assertThat(munge.output()).contains("cannot stop munge on node004 while slurmd runs there");
        LabCluster.Result restart = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm restart slurmdbd");
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(restart.output()).contains("/var/lib/slurmlab/bin/systemctl restart slurmdbd");
        LabCluster.Result audit = SlurmopsProcess.run(state, "audit");
        assertThat(audit.output()).contains("REJECTED").contains("PLANNED");
    }
}
