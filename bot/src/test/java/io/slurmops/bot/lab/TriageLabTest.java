package io.slurmops.bot.lab;

import static io.slurmops.bot.lab.LabWaits.await;
import io.slurmops.bot.lab.AlertLabTest.Channel;
import io.slurmops.bot.lab.AlertLabTest.Post;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.reply.Status;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 items 1 and 2 on the real lab: for each node fault, exactly one incident whose diagnosis
 * names the cause within 15 s of the alert, with a fix that fits it (or none, saying why), the triage
 * findings in its thread, and — for a cut link — the other checks' symptoms in that same thread instead
 * of alerts of their own. Each fault is a {@code lab/lab drill} (or the node's service manager) and
 * {@code lab/lab restore} heals it. The times go to standard output ("TRIAGE fault: …").
 */
@LabTest
class TriageLabTest {

    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Duration NODES_INTERVAL = Duration.ofSeconds(2);
    private static final Duration DIAGNOSIS_WITHIN = Duration.ofSeconds(15);
    private static final List<String> CLUSTER_PROBES = List.of("controller", "accounting", "config", "clock");

    private final LabBots bots = new LabBots();

    @BeforeAll
    static void thisCheckoutsLabScripts() throws Exception {
        // The service-manager shim is the copy of whoever ran `up`/`restore` last: make it this checkout's.
        LabCluster.restore();
    }

    @AfterEach
    void closeAndRestore() throws Exception {
        bots.close();
        LabCluster.restore();
    }

    @Test
    void killedSlurmdIsNamedAndGetsARestart() throws Exception {
        String node = SlurmopsProcess.idleNode("node002", "node003", "node001", "node004");
        Scenario s = fault("killed slurmd", node, "slurmd-kill");
        s.assertCause("slurmd not running", "restart slurmd " + node);
    }

    @Test
    void stoppedSlurmdIsNamedAsStoppedAndGetsARestart() throws Exception {
        String node = SlurmopsProcess.idleNode("node003", "node002", "node004", "node001");
        Scenario s = fault("stopped slurmd (SIGSTOP)", node, "slurmd-stop");
        s.assertCause("slurmd stopped (SIGSTOP, process state T)", "restart slurmd " + node);
        assertThat(s.threadText()).contains("state T (stopped)");
    }

    @Test
    void cutLinkIsUnreachableWithoutARestartAndItsOtherSymptomsJoinTheIncident() throws Exception {
        String node = SlurmopsProcess.idleNode("node004", "node003", "node002", "node001");
        Scenario s = fault("cut node link", node, "link-cut");
        s.assertCause("no answer on the network", null);
        // The config and clock checks cannot read the node either (their SSH times out after the site's
        // node timeout): they land in this incident's thread, never as alerts of their own.
        Post symptom = await("a config or clock symptom in the thread", Duration.ofSeconds(90), () -> s.ch.thread(
                s.alert.id()).stream().filter(p -> p.reply().title().matches("(config|clock) check: " + node + " unreadable.*"))
                .findFirst(), s.ch);
        System.out.printf("TRIAGE cut node link: first symptom of another check in the thread %.1f s after the alert%n",
                seconds(s.alert.at(), symptom.at()));
        s.assertOneIncident();
    }

    @Test
    void firewallDroppingSlurmdsPortIsNamedWithoutARestart() throws Exception {
        String node = SlurmopsProcess.idleNode("node001", "node002", "node003", "node004");
        Scenario s = fault("port 6818 dropped by nftables", node, "firewall-drop");
        s.assertCause("slurmd port filtered", null);
        assertThat(s.threadText()).contains("slurmd port 6818 no answer").contains("ssh port 22 open");
    }

    @Test
    void deadMungedIsNamedAndGetsAMungeStart() throws Exception {
        String node = SlurmopsProcess.idleNode("node002", "node004", "node001", "node003");
        Instant fault = Instant.now();
        Channel ch = new Channel();
        startApp(ch);
        LabCluster.Result r = LabCluster.onNode(node, "systemctl", "stop", "munge");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Scenario s = new Scenario("dead munged", node, ch, fault, awaitAlert(ch, node));
        s.assertCause("munged not running", "start munge " + node);
    }

    @Test
    void deadSshdWhileSlurmIsFineIsOneWarningOfItsOwn() throws Exception {
        String node = SlurmopsProcess.idleNode("node003", "node001", "node004", "node002");
        Scenario s = fault("dead node sshd", node, "sshd-kill");
        assertThat(s.alert.reply().status()).isEqualTo(Status.WARNING);
        s.assertCause("cannot reach the node over SSH", null);
        assertThat(LabCluster.exec(List.of("sinfo", "-h", "-n", node, "-o", "%T"), 20).output().strip())
                .as("Slurm still sees it fine").isEqualTo("idle");
    }

    // ---- one fault, watched ------------------------------------------------------------------------

    private Scenario fault(String name, String node, String drill) throws Exception {
        Channel ch = new Channel();
        startApp(ch);
        Instant fault = Instant.now();
        LabCluster.Result r = LabCluster.run(List.of("drill", drill, node));
        assertThat(r.exitCode()).as(r.output()).isZero();
        return new Scenario(name, node, ch, fault, awaitAlert(ch, node));
    }

    private final class Scenario {
        final String name;
        final String node;
        final Channel ch;
        final Instant fault;
        final Post alert;

        Scenario(String name, String node, Channel ch, Instant fault, Post alert) {
            this.name = name;
            this.node = node;
            this.ch = ch;
            this.fault = fault;
            this.alert = alert;
        }

        String threadText() {
            StringBuilder b = new StringBuilder();
            ch.thread(alert.id()).forEach(p -> b.append(p.text()).append('\n'));
            return b.toString();
        }

        /**
         * The cause is named in the alert or its thread within 15 s of the alert; the fix fits it
         * ({@code fix} null: none, and the triage post says why); one incident for the node.
         */
        void assertCause(String cause, String fix) throws Exception {
            Post named = await("the cause \"" + cause + "\" within " + DIAGNOSIS_WITHIN.toSeconds() + " s of the alert",
                    DIAGNOSIS_WITHIN, () -> alert.text().contains(cause) ? Optional.of(alert)
                            : ch.thread(alert.id()).stream().filter(p -> p.text().contains(cause)).findFirst(), ch);
            Post triage = await("the triage findings in the thread", DIAGNOSIS_WITHIN, () -> ch.thread(alert.id()).stream()
                    .filter(p -> p.reply().title().startsWith("Triage of " + node)).findFirst(), ch);
            assertThat(triage.text()).contains("reach: ssh port 22");
            System.out.printf("TRIAGE %s: alert %.1f s after the fault, cause named %.1f s and triage in the thread "
                            + "%.1f s after the alert%n", name, seconds(fault, alert.at()), seconds(alert.at(), named.at()),
                    seconds(alert.at(), triage.at()));
            String all = alert.text() + "\n" + threadText();
            if (fix == null) {
                assertThat(all).as("no fix for " + name).doesNotContain("Suggested fix");
                assertThat(triage.text()).contains("No suggested fix: ");
            } else {
                assertThat(all).contains("Suggested fix: `!slurm " + fix + "`");
            }
            assertThat(all).as("a restart is offered only where it fits")
                    .satisfies(t -> assertThat(fix == null || fix.startsWith("restart slurmd")
                            || !t.contains("Suggested fix: `!slurm restart slurmd")).isTrue());
            assertOneIncident();
        }

        /** One top-level alert mentions the node, nothing from a cluster-wide probe, after a few polls. */
        void assertOneIncident() throws InterruptedException {
            Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
            assertThat(ch.topLevel()).as("top-level alerts mentioning " + node + ":\n" + ch.dump())
                    .filteredOn(p -> p.isAlert() && p.text().contains(node)).extracting(Post::id)
                    .containsExactly(alert.id());
            for (String probe : CLUSTER_PROBES) {
                assertThat(ch.topLevel()).as(probe + " alerts beside the node's:\n" + ch.dump())
                        .noneSatisfy(p -> assertThat(p.key()).startsWith(probe + ":"));
            }
        }
    }

    // ---- the bot, on a fresh store with short intervals (as AlertLabTest) -----------------------------

    private Application startApp(Channel channel) throws Exception {
        Path state = bots.newState("triage-lab");
        return bots.start(LabBots.watching("lab.yaml", state, INTERVAL, NODES_INTERVAL, 2), channel);
    }

    private static Post awaitAlert(Channel ch, String node) throws Exception {
        return await("an alert for nodes:" + node, Duration.ofSeconds(60), () -> ch.topLevel().stream()
                .filter(p -> p.key().equals("nodes:" + node)).findFirst(), ch);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
