package io.slurmops.bot.lab;

import io.slurmops.bot.lab.AlertLabTest.Channel;
import io.slurmops.bot.lab.AlertLabTest.Post;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.bot.wiring.Application;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.slurmops.bot.lab.LabBots.say;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real controller failover on the lab with its backup controller ctl2 ({@code lab/lab ha up}): the
 * primary slurmctld is killed, the health watch says who is in control, jobs run again, `failback`
 * restores the normal pair, and `takeover` moves control on purpose (and `failback` again). The plain
 * lab is restored in a finally: slurm.conf without ctl2, every daemon up, every node idle.
 * The measured times (RTO, failback) are printed for BENCHMARKS.md.
 */
@LabTest
class FailoverLabTest {

    private static final String PIDFILE = "/var/lib/slurmlab/pids/slurmctld.pid";
    private static final Pattern REQUEST = Pattern.compile("#(\\d+) needs 1 approval");

    @TempDir
    Path jobDir;

    @Test
    void primaryKilledBackupTakesOverFailbackRestoresThePairAndTakeoverWorks() throws Exception {
        Path state = Files.createTempDirectory("failover-lab");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        Application app = null;
        try {
            LabCluster.Result up = LabCluster.run(List.of("ha", "up"));
            assertThat(up.exitCode()).as(up.output()).isZero();
            String primary = LabCluster.exec(List.of("hostname", "-s"), 10).output().strip();
            assertThat(ping()).contains("Slurmctld(primary) at " + primary + " is UP")
                    .contains("Slurmctld(backup) at ctl2 is UP");

            Channel ch = new Channel();
            app = startApp(state, ch);
            String ha = say(app, ch, "carol", "!slurm ha").reply().toPlainText();
            assertThat(ha).contains("primary " + primary + " UP").contains("backup ctl2 UP")
                    .contains("in control: " + primary).contains("primary UP; backup UP");

            // ---- the primary dies: the backup takes control by itself within SlurmctldTimeout
            String pid = LabCluster.exec(List.of("cat", PIDFILE), 10).output().strip();
            long killed = System.nanoTime();
            assertThat(LabCluster.exec(List.of("kill", "-KILL", pid), 10).exitCode()).isZero();
            LabCluster.Result job = srun();   // blocks in the client until a controller schedules it
            double rto = seconds(killed);
            assertThat(job.exitCode()).as(job.output()).isZero();
            assertThat(job.output()).contains("node001").contains("node004");
            System.out.printf("[failover] RTO primary killed -> srun -N4 done: %.1f s%n", rto);

            Post alert = await("the controller alert", Duration.ofSeconds(60), ch, () -> ch.topLevel().stream()
                    .filter(p -> p.text().contains("slurmctld-primary")).findFirst());
            assertThat(alert.text()).contains("slurmctld (primary) on " + primary + " is DOWN")
                    .contains("backup ctl2 is in control").contains("Suggested fix: `!slurm failback`");
            assertThat(say(app, ch, "carol", "!slurm ha").reply().toPlainText())
                    .contains("primary DOWN, backup UP; backup ctl2 is in control").contains("in control: ctl2");

            // the backup took over by itself: failover has nothing to do and says so
            BotResponse failover = say(app, ch, "alice", "!slurm failover");
            assertThat(failover.reply().toPlainText()).contains("already took control by itself");
            LabCluster.Result batch = LabCluster.exec(List.of("sh", "-c", "cd " + jobDir
                    + " && sbatch --wait -N1 -o job.out --wrap hostname"), 60);
            assertThat(batch.exitCode()).as("sbatch under the backup: " + batch.output()).isZero();

            // ---- failback: the primary starts, takes control back, the backup returns to standby
            double failback = approve(app, ch, "!slurm failback", "Fail back to the primary controller");
            System.out.printf("[failover] failback (approved plan run): %.1f s%n", failback);
            assertNormalPair(primary);
            assertThat(srun().exitCode()).isZero();
            await("RECOVERED in the alert thread", Duration.ofSeconds(60), ch, () -> ch.thread(alert.id()).stream()
                    .filter(p -> p.text().contains("RECOVERED")).findFirst());
            assertThat(say(app, ch, "alice", "!slurm failback").reply().toPlainText())
                    .contains("the normal pair is in place");

            // ---- takeover on purpose: the primary is told to shut down, the backup schedules
            double takeover = approve(app, ch, "!slurm takeover", "Backup controller ctl2 takes over");
            System.out.printf("[failover] takeover (approved plan run): %.1f s%n", takeover);
            long afterTakeover = System.nanoTime();
            assertThat(srun().exitCode()).isZero();
            System.out.printf("[failover] takeover -> srun -N4 done: %.1f s%n", seconds(afterTakeover));
            assertThat(ping()).contains("Slurmctld(primary) at " + primary + " is DOWN")
                    .contains("Slurmctld(backup) at ctl2 is UP");
            approve(app, ch, "!slurm failback", "Fail back to the primary controller");
            assertNormalPair(primary);
        } finally {
            if (app != null) {
                app.close();
            }
            LabCluster.Result down = LabCluster.run(List.of("ha", "down"));
            LabCluster.restore();
            assertThat(down.exitCode()).as(down.output()).isZero();
            assertThat(LabCluster.exec(List.of("grep", "-c", "ctl2", "/etc/slurm/slurm.conf"), 10).output().strip())
                    .isEqualTo("0");
            assertThat(LabCluster.run(List.of("wait-idle", "60")).exitCode()).isZero();
            assertThat(LabCluster.run(List.of("status")).exitCode()).as("every lab daemon up").isZero();
        }
    }

    private static void assertNormalPair(String primary) throws Exception {
        assertThat(ping()).contains("Slurmctld(primary) at " + primary + " is UP")
                .contains("Slurmctld(backup) at ctl2 is UP");
        // The last role change the backup logged (not the log's last lines: clients that tried it while the
        // primary came back fill those with "Invalid RPC … while in standby mode").
        String roles = LabCluster.exec(List.of("grep", "-E", "running in background mode|Running as primary controller",
                "/var/lib/slurmlab/nodes/ctl2/log/slurmctld.log"), 10).output().strip();
        String lastRole = roles.substring(roles.lastIndexOf('\n') + 1);
        assertThat(lastRole).as("the backup went back to standby").contains("slurmctld running in background mode");
    }

    /** alice asks, bob approves; returns the seconds the approved run took. */
    private static double approve(Application app, Channel ch, String line, String planned) throws Exception {
        String ask = say(app, ch, "alice", line).reply().toPlainText();
        Matcher m = REQUEST.matcher(ask);
        assertThat(m.find()).as(ask).isTrue();
        assertThat(ask).contains(planned);
        long t0 = System.nanoTime();
        BotResponse run = say(app, ch, "bob", "!slurm approve " + m.group(1));
        double took = seconds(t0);
        assertThat(run.outcome()).as(run.reply().toPlainText()).isEqualTo(Outcome.DONE);
        return took;
    }

    private static String ping() throws Exception {
        return LabCluster.exec(List.of("scontrol", "ping"), 30).output();
    }

    private LabCluster.Result srun() throws Exception {
        return LabCluster.exec(List.of("sh", "-c", "cd " + jobDir + " && srun -N4 hostname"), 90);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Application startApp(Path state, Channel channel) throws Exception {
        return LabBots.startWatching(LabBots.watching("lab-ha.yaml", state, Duration.ofSeconds(3),
                Duration.ofSeconds(2), 2), channel);
    }

    private static <T> T await(String what, Duration within, Channel ch, LabWaits.Lookup<T> lookup) throws Exception {
        return LabWaits.await(what, within, lookup, ch);
    }
}
