package io.slurmops.commands.read;

import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.Captured;
import org.junit.jupiter.api.Test;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThat;

class NodeAndJobCommandsTest {

    private static final String JOB_ID_UNKNOWN = "slurm_load_jobs error: Invalid job id specified\n";

    @Test
    void drainedNodeShowsItsMultiLineReasonWhoAndWhenAndSuggestsResume() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("localhost", "scontrol show node node004", ok(Captured.output("show-node-drained-multiline-reason.txt")))
                .run("!slurm node node004");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.title()).isEqualTo("Node node004: IDLE+DRAIN");
        assertThat(r.toPlainText()).contains("bad DIMM slot=3 | ticket 42 / second line of reason (set by root at 2026-11-25T22:52:36)")
                .contains("node drained").contains("`!slurm resume node004 cleared after check`")
                .contains("`!slurm check hw node004`");
    }

    @Test
    void notRespondingNodeIsCriticalWithRestartSlurmdFilledIn() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("localhost", "scontrol show node node002", ok(Captured.output("show-node-down-not-responding.txt")))
                .run("!slurm node node002");
        assertThat(r.status()).isEqualTo(Status.CRITICAL);
        assertThat(r.toPlainText()).contains("`!slurm restart slurmd node002`").contains("`!slurm services node002`")
                .doesNotContain("node set DOWN");
    }

    @Test
    void pendingJobOnAnUnavailableNodeIsExplained() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("localhost", "scontrol show job 9", ok(Captured.output("show-job-reqnodenotavail.txt")))
                .on("localhost", "sacct", ok("9|pinned|PENDING|0:0|1000M||00:00:00|None assigned|UNLIMITED|1|1|debug|root|Unknown|Unknown\n"))
                .run("!slurm job 9");
        assertThat(r.title()).isEqualTo("Job 9 (pinned): PENDING");
        assertThat(r.toPlainText()).contains("Why it waits: ReqNodeNotAvail, UnavailableNodes:node002")
                .contains("A node it needs is down, drained, reserved or not responding")
                .contains("Repair or resume the listed nodes");
    }

    @Test
    void finishedJobComesFromAccountingWithMemoryEfficiency() throws Exception {
        String sacct = Captured.output("sacct-jobs.txt").lines().filter(l -> l.startsWith("4")).reduce("", (a, b) -> a + b + "\n");
        Reply r = ScriptedCluster.lab()
                .on("localhost", "scontrol show job 4", exit(1, "", JOB_ID_UNKNOWN))
                .on("localhost", "sacct", ok(sacct))
                .run("!slurm job 4");
        assertThat(r.title()).isEqualTo("Job 4 (memhog): COMPLETED");
        assertThat(r.toPlainText()).contains("slurmctld no longer holds this job")
                .contains("MaxRSS 313.2M of 200M requested (157 %) — above the request")
                .contains("4.0            COMPLETED");
    }

    @Test
    void oomKilledJobIsRecognisedFromStateAndTheSlurmdLog() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "scontrol show job 42", exit(1, "", JOB_ID_UNKNOWN))
                .on("localhost", "sacct", ok(
                        "42|big|OUT_OF_MEMORY|0:125|1000M||00:01:02|node003|UNLIMITED|1|1|debug|alice|2026-11-25T22:46:38|2026-11-25T22:47:40\n"
                                + "42.batch|batch|OUT_OF_MEMORY|0:125||1020000K|00:01:02|node003||1|1|||x|y\n"))
                .on("node003", "journalctl", ok("[2026-11-25T22:47:40.001] [42.batch] error: Detected 1 oom-kill event(s) "
                        + "in StepId=42.batch. Some of your processes may have been killed by the cgroup out-of-memory handler.\n"
                        + "[2026-11-25T22:47:41.000] [43.batch] done with job\n"));
        Reply r = c.run("!slurm job 42");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.toPlainText()).contains("job killed for exceeding its memory")
                .contains("MaxRSS 996.1M of 1000M requested").contains("`!slurm job 42`");
        assertThat(c.callsTo("journalctl")).hasSize(1);
    }

    @Test
    void accountingDownStillShowsWhatTheControllerKnows() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("localhost", "scontrol show job 8", ok(Captured.output("show-job-dependency.txt")))
                .on("localhost", "sacct", exit(1, "", Captured.output("sacct-dbd-down.txt")))
                .run("!slurm job 8");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.toPlainText()).contains("Why it waits: Dependency").contains("afterok:7(unfulfilled)")
                .contains("Accounting unavailable").contains("`!slurm start slurmdbd`");
    }
}
