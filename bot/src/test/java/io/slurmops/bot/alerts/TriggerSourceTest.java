package io.slurmops.bot.alerts;

import io.slurmops.adapters.os.ProcessUser;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.site.SiteProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Trigger registration and the spool watch; strigger itself is the edge, answered by a fake. */
class TriggerSourceTest {

    @Test
    void registersMissingTriggersClearsOrphansAndTurnsEventsIntoPolls(@TempDir Path dir) throws Exception {
        Path spool = dir.resolve("triggers");
        List<List<String>> calls = new CopyOnWriteArrayList<>();
        String existing = "TRIG_ID RES_TYPE   RES_ID TYPE     OFFSET USER     FLAGS PROGRAM\n"
                + "      4 node            * down         0 slurm    PERM  " + dir.resolve("slurmops-trigger-down") + "\n"
                + "      9 node            * down         0 slurm    PERM  /gone/slurmops-trigger-down\n"
                + "     11 node            * down         0 slurm    PERM  /usr/local/bin/someone-elses-trigger\n";
        Transport fake = cmd -> {
            calls.add(cmd.argv());
            String line = String.join(" ", cmd.argv());
            return ExecResult.exited(cmd, 0, line.endsWith("strigger --get") ? existing : "", "", Duration.ZERO);
        };
        LinkedBlockingQueue<String> polls = new LinkedBlockingQueue<>();
        // The spool accepts files of SlurmUser only; here the test writes them, as itself.
        try (TriggerSource triggers = new TriggerSource(new ClusterAccess(SiteProfile.systemdDefaults("t"), fake),
                spool, "slurm", ProcessUser.realUid(), polls::add)) {
            triggers.start();
            assertThat(Files.isExecutable(triggers.program())).isTrue();
            assertThat(Files.readString(dir.resolve("slurmops-trigger-down"))).contains(triggers.program().toString());
            assertThat(calls).anySatisfy(a -> assertThat(a).endsWith("strigger", "--clear", "--id=9"));
            assertThat(calls).noneSatisfy(a -> assertThat(a).contains("--id=11").contains("--id=4"));
            assertThat(calls).noneSatisfy(a -> assertThat(a).contains("--set").contains("--down"));
            assertThat(calls).anySatisfy(a -> assertThat(a).contains("--set", "--node", "--drained", "--flags=PERM"));
            assertThat(calls).anySatisfy(a -> assertThat(a).contains("--set", "--primary_slurmdbd_failure"));
            if ("root".equals(System.getProperty("user.name"))) {
                assertThat(calls).allSatisfy(a -> assertThat(a.subList(0, 4)).containsExactly("runuser", "-u", "slurm", "--"));
            }

            // What the trigger program does when slurmctld runs it: one file per event.
            Process p = new ProcessBuilder(dir.resolve("slurmops-trigger-down").toString(), "node003").start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(polls.poll(10, TimeUnit.SECONDS)).isEqualTo("nodes");
            Files.writeString(spool.resolve("1.primary_slurmdbd_failure.evt"), "\n");
            assertThat(polls.poll(10, TimeUnit.SECONDS)).isEqualTo("accounting");
            try (var left = Files.list(spool)) {
                assertThat(left.filter(f -> f.toString().endsWith(".evt"))).isEmpty();
            }
        }
    }
}
