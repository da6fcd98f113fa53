package io.slurmops.commands.read;

import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.Captured;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.failed;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** services, check munge/config/clock/hw over scripted nodes. */
class NodeChecksTest {

    @Test
    void servicesFoldNodesPerStateAndNameTheStoppedOnes() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "systemctl is-active", ok("active\nactive\nactive\nactive\n"))
                .on("*", "systemctl is-active slurmd munge", ok("active\nactive\n"))
                .on("node002", "systemctl is-active slurmd munge", exit(3, "inactive\nactive\n", ""))
                .on("node004", "systemctl is-active", failed(FailureKind.UNREACHABLE, "No route to host"));
        Reply r = c.run("!slurm services");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.toPlainText()).contains("controller: slurmctld active, munge active, slurmdbd active, mariadb active")
                .contains("slurmd: node[001,003] (2) active").contains("slurmd: node002 inactive")
                .contains("munge: node[001-003] (3) active").contains("unknown (host unreachable: No route to host)")
                .contains("`!slurm restart slurmd node002`");
        assertThat(c.callsTo("systemctl is-active slurmctld munge slurmdbd mariadb")).hasSize(1);
    }

    @Test
    void stoppedControllerServiceIsCritical() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("localhost", "systemctl is-active", exit(3, "inactive\nactive\nactive\nactive\n", ""))
                .on("*", "systemctl is-active slurmd munge", ok("active\nactive\n"))
                .run("!slurm services");
        assertThat(r.status()).isEqualTo(Status.CRITICAL);
        assertThat(r.toPlainText()).contains("slurmctld inactive").contains("`!slurm start slurmctld`");
    }

    @Test
    void mungeFeedsEachNodesCredentialToUnmungeOnTheControllerAndNamesTheForeignKey() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("*", "munge -n", cmd -> ok("MUNGE:cred-of-" + cmd.host() + ":\n").apply(cmd))
                .on("node003", "munge -n", exit(6, "", "munge: Error: Failed to access \"/run/munge/munge.socket.2\": "
                        + "No such file or directory (Did you start munged?)\n"))
                .on("localhost", "unmunge -n", cmd -> ScriptedCluster.stdin(cmd).contains("node002")
                        ? exit(14, "", "unmunge: Error: Invalid credential\n").apply(cmd) : ok("").apply(cmd));
        Reply r = c.run("!slurm check munge");
        assertThat(r.status()).isEqualTo(Status.CRITICAL);
        assertThat(r.toPlainText()).contains("controller: credential decodes on the controller")
                .contains("node[001,004] (2): credential decodes on the controller")
                .contains("node002: unmunge: Error: Invalid credential")
                .contains("`!slurm sync munge node002`")
                .contains("munged not running").contains("`!slurm start munge node003`");
        List<HostCommand> decodes = c.callsTo("unmunge -n");
        assertThat(decodes).allMatch(HostCommand::isLocal);
        assertThat(decodes.stream().map(ScriptedCluster::stdin)).contains("MUNGE:cred-of-node001:", "MUNGE:cred-of-node004:");
    }

    @Test
    void configDriftNamesTheOddNodeAgainstTheController() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("*", "md5sum /etc/slurm/slurm.conf", ok("aaaa  /etc/slurm/slurm.conf\n"))
                .on("node004", "md5sum", ok("bbbb  /etc/slurm/slurm.conf\n"))
                .on("node001", "md5sum", exit(1, "", "md5sum: /etc/slurm/slurm.conf: No such file or directory\n"))
                .run("!slurm check config");
        assertThat(r.status()).isEqualTo(Status.CRITICAL);
        assertThat(r.title()).isEqualTo("config: differs on node004; unreadable on node001");
        assertThat(r.toPlainText()).contains("node[002-003] (2): aaaa  (same as controller)")
                .contains("`!slurm sync config node004`").contains("slurm.conf missing or unreadable")
                .contains("`!slurm sync config node001`");
    }

    @Test
    void clockSkewIsMeasuredAgainstTheControllerWithThresholds() throws Exception {
        Clock fixed = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
        Reply r = ScriptedCluster.lab().withClock(fixed)
                .on("*", "date", ok("1800000000.100000000\n"))
                .on("localhost", "date", ok("1800000000.200000000\n"))
                .on("node002", "date", ok("1800000045.200000000\n"))
                .on("node003", "date", ok("1799999800.000000000\n"))
                .run("!slurm check clock");
        assertThat(r.status()).isEqualTo(Status.CRITICAL);
        assertThat(r.toPlainText()).contains("skew +45.0 s").contains("skew -200.2 s")
                .contains("node[001,004] (2): in sync").contains("clock skew between hosts")
                .contains("`!slurm sync clock node[002-003]`");
    }

    @Test
    void clockWithinTheWarningLevelIsOk() throws Exception {
        Clock fixed = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
        Reply r = ScriptedCluster.lab().withClock(fixed)
                .on("*", "date", ok("1800000029.000000000\n"))
                .on("localhost", "date", ok("1800000000.000000000\n"))
                .run("!slurm check clock node001");
        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.title()).contains("1 node(s) within 29.0 s of the controller");
    }

    @Test
    void hardwareBelowTheConfigurationIsCriticalAboveItAWarning() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "scontrol show node", ok(Captured.output("show-node-all.txt")))
                .on("*", "slurmd -C", cmd -> ok(Captured.output("slurmd-C-node002.txt")
                        .replace("node002", cmd.host())).apply(cmd));
        Reply lab = c.run("!slurm check hw node[001-002]");
        assertThat(lab.status()).isEqualTo(Status.WARNING);
        assertThat(lab.toPlainText()).contains("node[001-002] (2): mismatch: RealMemory configured 1000, hardware 24105")
                .contains("node hardware differs from slurm.conf").contains("needs a human decision");
        c.on("node001", "slurmd -C", ok("NodeName=node001 CPUs=1 Boards=1 SocketsPerBoard=1 CoresPerSocket=1 "
                + "ThreadsPerCore=1 RealMemory=1000\nUpTime=0-00:01:00\n"));
        Reply below = c.run("!slurm check hw node001");
        assertThat(below.status()).isEqualTo(Status.CRITICAL);
        assertThat(below.toPlainText()).contains("CPUs configured 2, hardware 1")
                .contains("CoresPerSocket configured 2, hardware 1");
    }

    @Test
    void hardwareBelowTheConfigurationOffersTheSlurmdCLineThenReconfigAndResume() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "scontrol show node", ok(Captured.output("show-node-all.txt")))
                .on("*", "slurmd -C", cmd -> ok("NodeName=" + cmd.host() + " CPUs=1 Boards=1 SocketsPerBoard=1 "
                        + "CoresPerSocket=1 ThreadsPerCore=1 RealMemory=900\nUpTime=0-00:01:00\n").apply(cmd));
        String text = c.run("!slurm check hw node001").toPlainText();
        assertThat(text).contains("NodeName=node001 CPUs=1 Boards=1 SocketsPerBoard=1 CoresPerSocket=1 ThreadsPerCore=1 "
                + "RealMemory=900").contains("`!slurm reconfig`").contains("`!slurm resume node001`")
                .contains("require restart of the slurmctld daemon");
        // More hardware than configured: nothing drains, so no fix is offered.
        c.on("*", "slurmd -C", cmd -> ok(Captured.output("slurmd-C-node002.txt").replace("node002", cmd.host())).apply(cmd));
        assertThat(c.run("!slurm check hw node001").toPlainText()).doesNotContain("`!slurm resume");
    }
}
