package io.slurmops.bot.lab;

import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Status;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Breaks the lab for real — a stopped slurmd, slurmctld or slurmdbd, a drifted slurm.conf, a foreign
 * munge key — and checks that the bot, driven exactly as chat drives it, names the break with the
 * knowledge base's cause and the repair command. Every test repairs the lab afterwards.
 */
@LabTest
class DiagnosisLabTest {

    private static final String HEAD_SYSTEMCTL = "/var/lib/slurmlab/bin/systemctl";
    private static Application app;
    private static java.nio.file.Path state;

    @BeforeAll
    static void start() throws Exception {
        // A store of its own: never the lab's shared /var/lib/slurmops-lab.
        state = java.nio.file.Files.createTempDirectory("slurmops-state-");
        app = Application.start(LabBots.labConfig("lab.yaml", state));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void repair() throws Exception {
        LabCluster.restore();
    }

    static BotResponse say(String line) {
        String id = UUID.randomUUID().toString();
        return app.bot().handle(new ChatMessage("console", id, "console", "carol", "carol", line, id, Instant.now()));
    }

    /** Asks again until the answer shows what Slurm takes a few seconds to notice. */
    static String sayUntil(String line, Predicate<String> done, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        String text = say(line).reply().toPlainText();
        while (!done.test(text) && System.nanoTime() < end) {
            Thread.sleep(1000);
            text = say(line).reply().toPlainText();
        }
        return text;
    }

    @Test
    void stoppedSlurmdIsNamedWithRestartAsRepair() throws Exception {
        assertThat(LabCluster.onNode("node002", "systemctl", "stop", "slurmd").exitCode()).isZero();

        BotResponse services = say("!slurm services node002");
        assertThat(services.reply().status()).isEqualTo(Status.WARNING);
        assertThat(services.reply().toPlainText()).contains("slurmd: node002 inactive")
                .contains("node not responding (slurmd dead or unreachable)")
                .contains("`!slurm restart slurmd node002`");

        String ports = say("!slurm check ports").reply().toPlainText();
        assertThat(ports).contains("closed: node002:6818").contains("Slurm port not reachable");

        // slurmctld notices after SlurmdTimeout (5 s in the lab's fast profile): the node page then agrees.
        String node = sayUntil("!slurm node node002", t -> t.contains("NOT_RESPONDING"), Duration.ofSeconds(40));
        assertThat(node).contains("NOT_RESPONDING").contains("`!slurm restart slurmd node002`")
                .contains("`!slurm check hw node002`");
    }

    @Test
    void stoppedSlurmctldAnswersQuicklyWithStartAsRepair() throws Exception {
        assertThat(LabCluster.exec(List.of(HEAD_SYSTEMCTL, "stop", "slurmctld"), 60).exitCode()).isZero();

        long t0 = System.nanoTime();
        BotResponse status = say("!slurm status");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        assertThat(status.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(status.reply().toPlainText()).contains("controller unreachable").contains("slurmctld unreachable")
                .contains("`!slurm start slurmctld`");

        String ha = say("!slurm ha").reply().toPlainText();
        assertThat(ha).contains("controller unreachable; no backup to take over").contains("`!slurm start slurmctld`");
        String services = say("!slurm services").reply().toPlainText();
        assertThat(services).contains("slurmctld inactive").contains("`!slurm start slurmctld`");
    }

    @Test
    void driftedSlurmConfIsNamedWithSyncConfigAsRepair() throws Exception {
        assertThat(LabCluster.onNode("node004", "sed", "-i", "$a # slurmops drift test", "/etc/slurm/slurm.conf")
                .exitCode()).isZero();

        BotResponse check = say("!slurm check config");
        assertThat(check.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(check.reply().toPlainText()).contains("config: differs on node004")
                .contains("slurm.conf differs between nodes").contains("comments")
                .contains("`!slurm sync config node004`");
        assertThat(say("!slurm check config node[001-003]").reply().status()).isEqualTo(Status.OK);
    }

    @Test
    void foreignMungeKeyIsNamedWithSyncMungeAsRepair() throws Exception {
        for (List<String> step : List.of(List.of("mungekey", "-c", "-f", "-k", "/etc/munge/munge.key"),
                List.of("chown", "munge:munge", "/etc/munge/munge.key"), List.of("chmod", "0400", "/etc/munge/munge.key"),
                List.of("systemctl", "restart", "munge"))) {
            LabCluster.Result r = LabCluster.onNode("node003", step.toArray(String[]::new));
            assertThat(r.exitCode()).as(step + ": " + r.output()).isZero();
        }

        BotResponse check = say("!slurm check munge");
        assertThat(check.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(check.reply().toPlainText()).contains("node003: unmunge: Error: Invalid credential")
                .contains("3 of 4 node(s) OK").contains("munge key differs between hosts")
                .contains("`!slurm sync munge node003`");
    }

    @Test
    void stoppedSlurmdbdIsNamedWithStartAsRepair() throws Exception {
        assertThat(LabCluster.exec(List.of(HEAD_SYSTEMCTL, "stop", "slurmdbd"), 60).exitCode()).isZero();

        BotResponse db = say("!slurm check db");
        assertThat(db.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(db.reply().toPlainText()).contains("slurmdbd not answering")
                .contains("Connection refused").contains("slurmdbd unreachable (accounting down)")
                .contains("`!slurm start slurmdbd`")
                // MariaDB itself is fine: the bot must not blame it
                .contains("MariaDB: reachable");

        String health = say("!slurm health").reply().toPlainText();
        assertThat(health).contains("accounting — slurmdbd not answering").contains("services — slurmdbd inactive")
                .contains("`!slurm start slurmdbd`");
    }
}
