package io.slurmops.commands.read;

import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.Captured;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueLimitsLogsTest {

    @Test
    void queueCountsStatesExplainsTheTopReasonsAndPassesFiltersAsArgv() throws Exception {
        String squeue = Captured.output("squeue.txt") + Captured.output("squeue-reqnodenotavail.txt");
        ScriptedCluster c = ScriptedCluster.lab().on("localhost", "squeue", ok(squeue));
        Reply r = c.run("!slurm queue --user root --partition debug --state pd,R");
        assertThat(r.title()).isEqualTo("Queue (user root, partition debug, state pd,r): 3 job(s) — 3 pending");
        assertThat(r.toPlainText()).contains("1 × `ReqNodeNotAvail, UnavailableNodes:node002` — A node it needs")
                .contains("1 × `JobHeldUser`").contains("release JOBID").contains("dep job|x");
        HostCommand call = c.callsTo("squeue").get(0);
        assertThat(call.argv()).containsSequence("-u", "root").containsSequence("-p", "debug")
                .containsSequence("-t", "PD,R");
    }

    @Test
    void squeueComplainingAboutAUserOnlyOnStderrIsAUsageError() {
        ScriptedCluster c = ScriptedCluster.lab().on("localhost", "squeue", exit(0, "", "squeue: error: Invalid user: ghost\n"));
        assertThatThrownBy(() -> c.run("!slurm queue --user ghost")).isInstanceOf(UsageException.class)
                .hasMessage("unknown user `ghost`");
    }

    @Test
    void limitsShowAssociationsAndOnlyTheQosTheUserMayUse() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("localhost", "sacctmgr -P -n show assoc", ok(Captured.output("assoc-root.txt")))
                .on("localhost", "sacctmgr -P -n show qos", ok(Captured.output("qos.txt")))
                .run("!slurm limits root");
        assertThat(r.toPlainText()).contains("lab      root").contains("normal  0").doesNotContain("short");
    }

    @Test
    void limitsWithAccountingDownIsAnErrorWithTheRepair() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("localhost", "sacctmgr", exit(1, "", Captured.output("sacctmgr-dbd-down.txt")))
                .run("!slurm limits root");
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.toPlainText()).contains("`!slurm start slurmdbd`");
    }

    @Test
    void logsFilterInJavaOverALargerWindowAndDiagnoseTheLatestLine() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab().on("localhost", "journalctl", ok(
                "[10:00] error: Nodes node001 not responding, setting DOWN\n"
                        + "[10:01] Node node001 now responding\n"
                        + "[10:02] error: Nodes node003 not responding, setting DOWN\n"
                        + "[10:03] sched: Allocate JobId=5\n"));
        Reply r = c.run("!slurm logs slurmctld --lines 5 --grep 'not respond(ing)?'");
        assertThat(r.title()).contains("2 line(s) matching `not respond(ing)?`");
        assertThat(r.toPlainText()).doesNotContain("Allocate").contains("`!slurm restart slurmd node003`");
        List<String> argv = c.callsTo("journalctl").get(0).argv();
        assertThat(argv).containsSequence("-n", "5000").containsSequence("-u", "slurmctld").doesNotContain("not respond(ing)?");
    }

    @Test
    void aCatastrophicallyBacktrackingGrepIsStoppedAndExplained() {
        String line = "a".repeat(30) + "!\n"; // ((a+)+)+b takes seconds per line here without the budget
        ScriptedCluster c = ScriptedCluster.lab().on("localhost", "journalctl", ok(line.repeat(200)));
        long t0 = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.run("!slurm logs slurmctld --grep '((a+)+)+b'"))
                .isInstanceOf(io.slurmops.commands.catalog.UsageException.class)
                .hasMessageContaining("took longer than 2 s").hasMessageContaining("backtracks");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(10));
    }

    @Test
    void slurmdLogIsReadOnTheNode() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab().on("node002", "journalctl", ok(
                "[10:00] error: Munge decode failed: Invalid credential\n"));
        Reply r = c.run("!slurm logs slurmd node002 --lines 20");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.toPlainText()).contains("`!slurm sync munge node002`");
        assertThat(c.callsTo("journalctl").get(0).host()).isEqualTo("node002");
        assertThat(c.callsTo("journalctl").get(0).argv()).containsSequence("-n", "20");
    }
}
