package io.slurmops.commands.read;

import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.AccountingDbReport;
import io.slurmops.commands.slurm.Captured;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.failed;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** check ports, check db, ha and health. */
class ClusterChecksTest {

    private static final String PING_DOWN = "Slurmctld(primary) at vm is DOWN\n*****************************************\n"
            + "** RESTORE SLURMCTLD DAEMON TO SERVICE **\n*****************************************\n";

    @Test
    void portsAreProbedWithNcOnTheControllerAtTheAddressesSlurmUses() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "scontrol show node", ok(Captured.output("show-node-all.txt")))
                .on("localhost", "nc -z", ok(""))
                .on("localhost", "nc -z -v -w 3 10.250.0.12 6818",
                        exit(1, "", "nc: connect to 10.250.0.12 port 6818 (tcp) failed: Connection refused\n"));
        Reply r = c.run("!slurm check ports");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.title()).isEqualTo("ports: closed: node002:6818");
        assertThat(r.toPlainText()).contains("slurmctld vm (10.250.0.1):6817 open").contains("slurmdbd localhost:6819 open")
                .contains("slurmd node[001,003-004] (3): 6818 open").contains("Slurm port not reachable")
                .contains("`!slurm services node002`");
        assertThat(c.callsTo("nc")).hasSize(6).allMatch(h -> h.isLocal());
    }

    /** Issue 17: a rack without a route is one line and one finding, not one per node (10 004 nodes gave 2.3 MB). */
    @Test
    void manyNodesClosedForOneReasonFoldIntoOneLineAndOneFinding() throws Exception {
        StringBuilder names = new StringBuilder("node001\nnode002\nnode003\nnode004\n");
        for (int i = 1; i <= 300; i++) {
            names.append(String.format("sim%03d%n", i));
        }
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "sinfo -h -o %N", ok(names.toString()))
                .on("localhost", "scontrol show node", ok(Captured.output("show-node-all.txt")))
                .on("localhost", "nc -z", ok(""))
                .on("localhost", "nc -z -v -w 3 sim", cmd -> exit(1, "", "nc: connect to " + cmd.argv().get(5)
                        + " port 6818 (tcp) failed: No route to host\n").apply(cmd));
        Reply r = c.run("!slurm check ports");
        assertThat(r.title()).isEqualTo("ports: closed: sim[001-300]:6818 (300 nodes)");
        assertThat(r.toPlainText())
                .contains("slurmd sim[001-300] (300): 6818 closed: nc: connect to HOST port 6818 (tcp) failed: No route to host")
                .contains("slurmd node[001-004] (4): 6818 open");
        assertThat(r.toPlainText().length()).as("the reply stays short").isLessThan(3000);
    }

    @Test
    void withoutNcThePortsAreJudgedFromSlurmsOwnClients() throws Exception {
        Reply r = ScriptedCluster.lab()
                .on("localhost", "scontrol show node", ok(Captured.output("show-node-all.txt")))
                .on("localhost", "nc", failed(FailureKind.ERROR, "Cannot run program \"nc\": error=2, No such file or directory"))
                .on("localhost", "sacctmgr -n show cluster", ok("lab\n"))
                .on("localhost", "sinfo -h -o %N|%T|%u|%H|%E", ok(Captured.output("sinfo-nodes-down.txt")))
                .run("!slurm check ports");
        assertThat(r.toPlainText()).contains("nc is not installed").contains("slurmctld vm: answers scontrol ping")
                .contains("slurmd node002: not responding").contains("`!slurm restart slurmd node002`");
    }

    @Test
    void accountingWarnsAtEightyPercentOfMaxConnectionsAndNamesACrashedTable() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab().on("localhost", "sacctmgr -n -P show cluster", ok("lab\n"))
                .withProbe(() -> new AccountingDbReport(true, "", 85, 100, List.of(
                        new AccountingDbReport.TableStatus("lab_job_table", "status", "OK"),
                        new AccountingDbReport.TableStatus("lab_step_table", "warning", "Table is marked as crashed"))));
        Reply r = c.run("!slurm check db");
        assertThat(r.status()).isEqualTo(Status.CRITICAL);
        assertThat(r.toPlainText()).contains("connections 85 of max_connections 100 (85 %)")
                .contains("MariaDB out of connections (1040)").contains("`!slurm restart slurmdbd`")
                .contains("accounting table marked as crashed").contains("Table is marked as crashed");
    }

    @Test
    void unreachableDatabaseIsClassifiedByItsError() throws Exception {
        Reply r = ScriptedCluster.lab().on("localhost", "sacctmgr -n -P show cluster", ok("lab\n"))
                .withProbe(() -> AccountingDbReport.unreachable("(conn=7) Access denied for user 'slurm'@'localhost' (using password: YES)"))
                .run("!slurm check db");
        assertThat(r.status()).isEqualTo(Status.CRITICAL);
        assertThat(r.toPlainText()).contains("accounting DB refused the credentials");
    }

    @Test
    void haSaysWhenThereIsNoBackupAndSuggestsTakeoverWhenOnlyTheBackupAnswers() throws Exception {
        Reply single = ScriptedCluster.lab().run("!slurm ha");
        assertThat(single.status()).isEqualTo(Status.OK);
        assertThat(single.title()).contains("no backup controller configured");

        Reply failover = ScriptedCluster.lab()
                .on("localhost", "scontrol ping", exit(1, "Slurmctld(primary) at ctl1 is DOWN\nSlurmctld(backup) at ctl2 is UP\n", ""))
                // the backup took control: state queries answer (a standby backup fails them, see below)
                .on("localhost", "sinfo", ok("debug\n"))
                .run("!slurm ha");
        assertThat(failover.status()).isEqualTo(Status.WARNING);
        assertThat(failover.toPlainText()).contains("primary DOWN, backup UP").contains("`!slurm takeover`")
                .doesNotContain("slurmctld unreachable");

        Reply down = ScriptedCluster.lab().on("localhost", "scontrol ping", exit(1, PING_DOWN, "")).run("!slurm ha");
        assertThat(down.status()).isEqualTo(Status.CRITICAL);
        assertThat(down.toPlainText()).contains("no backup to take over").contains("`!slurm start slurmctld`");
    }

    @Test
    void haTellsWhetherTheBackupTookControlOrStaysInStandby() throws Exception {
        String ping = "Slurmctld(primary) at ctl1 is DOWN\nSlurmctld(backup) at ctl2 is UP\n";
        Reply inControl = ScriptedCluster.lab().on("localhost", "scontrol ping", exit(1, ping, ""))
                .on("localhost", "sinfo", ok("debug\n")).run("!slurm ha");
        assertThat(inControl.status()).isEqualTo(Status.WARNING);
        assertThat(inControl.toPlainText()).contains("backup ctl2 is in control").contains("in control: ctl2")
                .contains("`failback` once the primary is repaired");

        Reply standby = ScriptedCluster.lab().on("localhost", "scontrol ping", exit(1, ping, ""))
                .on("localhost", "sinfo", exit(1, "", "slurm_load_partitions: Slurm backup controller in standby mode\n"))
                .run("!slurm ha");
        assertThat(standby.status()).isEqualTo(Status.CRITICAL);
        assertThat(standby.toPlainText()).contains("nobody is in control: backup ctl2 answers but stays in standby")
                .contains("standby mode").contains("in control: nobody").contains("(`failover`)");
    }

    @Test
    void healthRunsEveryCheckAndTakesTheWorstStatus() throws Exception {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "scontrol show node", ok(Captured.output("show-node-all.txt")))
                .on("*", "slurmd -C", cmd -> ok(Captured.output("slurmd-C-node002.txt").replace("node002", cmd.host())).apply(cmd))
                .on("*", "systemctl is-active", ok("active\nactive\nactive\nactive\n"))
                .on("*", "munge -n", ok("MUNGE:x:\n"))
                .on("*", "unmunge", ok(""))
                .on("*", "md5sum", ok("aaaa  /etc/slurm/slurm.conf\n"))
                .on("node003", "md5sum", ok("bbbb  /etc/slurm/slurm.conf\n"))
                .on("*", "date", cmd -> ok(String.format("%.3f%n", System.currentTimeMillis() / 1000.0)).apply(cmd))
                .on("*", "nc", ok(""))
                .on("localhost", "sacctmgr -n -P show cluster", ok("lab\n"));
        Reply r = c.run("!slurm health");
        assertThat(r.status()).isEqualTo(Status.CRITICAL);
        assertThat(r.title()).isEqualTo("Health of lab: 2 of 9 checks need attention");
        assertThat(r.toPlainText()).contains("controller — primary UP").contains("config — differs on node003")
                .contains("hardware — mismatch on node[001-004]").contains("munge — controller OK; 4 of 4 node(s) OK")
                .contains("accounting — slurmdbd answers (database not configured)")
                .contains("`!slurm sync config node003`");
    }

    @Test
    void healthWithEverythingDownNamesTheClusterWideOutage() throws Exception {
        String dbdDown = Captured.output("sacctmgr-dbd-down.txt");
        Reply r = ScriptedCluster.lab()
                .on("localhost", "scontrol ping", exit(1, PING_DOWN, ""))
                .on("localhost", "sinfo", exit(1, "", "slurm_load_partitions: Unable to contact slurm controller (connect failure)\n"))
                .on("localhost", "scontrol show", exit(1, "", "slurm_load_ctl_conf error: Unable to contact slurm controller (connect failure)\n"))
                .on("localhost", "sacctmgr", exit(1, "", dbdDown))
                .on("localhost", "systemctl is-active", exit(3, "inactive\nactive\ninactive\nactive\n", ""))
                .on("localhost", "munge -n", ok("MUNGE:x:\n"))
                .on("localhost", "unmunge", ok(""))
                .on("localhost", "md5sum", ok("aaaa  /etc/slurm/slurm.conf\n"))
                .on("localhost", "date", ok(String.format("%.3f%n", System.currentTimeMillis() / 1000.0)))
                .on("localhost", "nc", exit(1, "", "nc: connect to 10.250.0.1 port 6817 (tcp) failed: Connection refused\n"))
                .run("!slurm health");
        assertThat(r.status()).isIn(Status.CRITICAL, Status.ERROR);
        assertThat(r.toPlainText()).contains("cannot list the nodes").contains("`!slurm start slurmctld`")
                .contains("`!slurm start slurmdbd`");
    }
}
