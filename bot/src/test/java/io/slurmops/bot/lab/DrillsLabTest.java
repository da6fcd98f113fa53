package io.slurmops.bot.lab;

import static io.slurmops.bot.lab.LabWaits.await;
import static io.slurmops.bot.lab.LabWaits.awaitTrue;
import io.slurmops.bot.lab.AlertLabTest.Channel;
import io.slurmops.bot.lab.AlertLabTest.Post;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.reply.Status;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.slurmops.bot.lab.LabBots.say;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drills the seed still simulated, made real on the lab (issue 12 item 5): a node whose slurm.conf
 * line promises more memory than it has, a node whose clock is shifted (libfaketime in its mount view,
 * {@code lab/lab drill clock-skew}), and a node whose daemons all vanish at once and come back as from a
 * boot ({@code lab/lab drill power-off|boot}). Each: fault → the health watch's alert with the right
 * diagnosis → the fix → the recovery in the alert's thread; the times go to standard output
 * ("DRILL name: detected after …, recovered after …") for BENCHMARKS.md.
 */
@LabTest
class DrillsLabTest {

    private static final Path HEAD_CONF = Path.of("/etc/slurm/slurm.conf");
    private static final Path NODES_DIR = Path.of("/var/lib/slurmlab/nodes");
    private static final Pattern NODE_LINE = Pattern.compile("(?m)^NodeName=node\\[001-(\\d{3})\\].*$");
    private static final Pattern REQUEST = Pattern.compile("#(\\d+) needs 1 approval");

    private final LabBots bots = new LabBots();
    private final List<Runnable> undo = new ArrayList<>();

    @AfterEach
    void closeAndRestore() throws Exception {
        bots.close();
        for (Runnable u : undo) {
            u.run();
        }
        undo.clear();
        LabCluster.restore();
    }

    // ---- a. hardware below slurm.conf --------------------------------------------------------------

    @Test
    void nodeConfiguredWithMoreMemoryThanItHasDrainsWithSlurmsReasonAndTheBotsFixReturnsIt() throws Exception {
        String node = "node004";
        byte[] original = Files.readAllBytes(HEAD_CONF);
        undo.add(() -> writeEverywhere(original));
        Channel ch = new Channel();
        Application app = startApp(ch);

        // The site's slurm.conf (the head's, copied to every node as a shared config would be) gives node004
        // 48000 MB; the node has about 24000. slurmctld re-validates the registration on reconfig.
        String conf = new String(original);
        Matcher m = NODE_LINE.matcher(conf);
        assertThat(m.find()).as("NodeName line in " + HEAD_CONF).isTrue();
        String last = m.group(1);
        String nodeLine = "NodeName=node004 NodeAddr=10.250.0.14 Port=6818 CPUs=2 Sockets=1 CoresPerSocket=2 "
                + "ThreadsPerCore=1 RealMemory=%d State=UNKNOWN";
        String others = "NodeName=node[001-003] NodeAddr=10.250.0.[11-13] Port=6818 CPUs=2 Sockets=1 CoresPerSocket=2 "
                + "ThreadsPerCore=1 RealMemory=1000 State=UNKNOWN";
        assertThat(last).as("the drill assumes the 4-node netns lab").isEqualTo("004");
        String broken = conf.replace(m.group(), others + "\n" + String.format(nodeLine, 48000));
        Instant fault = Instant.now();
        writeEverywhere(broken.getBytes());
        assertThat(LabCluster.exec(List.of("scontrol", "reconfig"), 30).exitCode()).isZero();

        Post alert = await("hardware alert for " + node, Duration.ofSeconds(30), () -> alertAbout(ch, "nodes", node), ch);
        assertThat(alert.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(alert.text()).contains("Low RealMemory (reported:").contains("of configured:48000)")
                .contains("node hardware differs from slurm.conf").contains("set by Slurm")
                .contains("check hw " + node).doesNotContain("Suggested fix");
        assertThat(nodeState(node)).startsWith("inval");

        String hw = say(app, ch, "carol", "!slurm check hw " + node).reply().toPlainText();
        assertThat(hw).contains("mismatch").contains("NodeName=" + node).contains("!slurm reconfig")
                .contains("!slurm resume " + node);
        Matcher mem = Pattern.compile("NodeName=" + node + " .*RealMemory=(\\d+)").matcher(hw);
        assertThat(mem.find()).as("slurmd -C line in the reply: " + hw).isTrue();

        // The operator applies the offered line (the memory slurmd -C reports), then reconfig and resume from chat.
        writeEverywhere(conf.replace(m.group(), others + "\n"
                + String.format(nodeLine, Integer.parseInt(mem.group(1)))).getBytes());
        approved(app, ch, "alice", "bob", "!slurm reconfig");
        approved(app, ch, "alice", "bob", "!slurm resume " + node);
        awaitTrue(node + " idle", Duration.ofSeconds(30), () -> nodeState(node).equals("idle"));
        Post recovered = await("recovery", Duration.ofSeconds(30), () -> recovery(ch, alert), ch);
        report("hardware mismatch", fault, alert, recovered);
    }

    // ---- b. clock skew -----------------------------------------------------------------------------

    @Test
    void shiftedNodeClockIsSeenByCheckClockAndSlurmAndRecoversWhenTheFakeIsRemoved() throws Exception {
        String node = SlurmopsProcess.idleNode("node003", "node002", "node001", "node004");
        Channel ch = new Channel();
        Application app = startApp(ch);

        Instant fault = Instant.now();
        LabCluster.Result skew = LabCluster.run(List.of("drill", "clock-skew", node, "+600"));
        assertThat(skew.exitCode()).as(skew.output()).isZero();
        String date = LabCluster.exec(List.of("ssh", "-F", "/var/lib/slurmlab/ssh/ssh_config", node, "date", "+%s"), 30)
                .output().strip();
        assertThat(Long.parseLong(date) - Instant.now().getEpochSecond()).as("date over ssh on " + node)
                .isBetween(590L, 610L);

        Post alert = await("clock alert", Duration.ofSeconds(30), () -> alertAbout(ch, "clock", "clock"), ch);
        assertThat(alert.text()).contains("clock skew").contains(node).contains("clock skew between hosts");
        BotResponse checked = say(app, ch, "carol", "!slurm check clock");
        assertThat(checked.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(checked.reply().toPlainText()).contains(node).containsPattern("skew \\+(59\\d|60\\d)\\.\\d s");
        // Slurm's own view: the node's slurmd rejects a job credential from "10 minutes ago".
        Path work = bots.newState("drill-clock");
        LabCluster.Result srun = LabCluster.exec(List.of("srun", "-w", node, "-t", "1", "--chdir=" + work, "true"), 60);
        assertThat(srun.exitCode()).isNotZero();
        assertThat(srun.output()).contains("Job credential expired");

        // chronyc makestep cannot undo libfaketime: the drill's repair is removing the fake.
        LabCluster.Result sync = LabCluster.run(List.of("drill", "clock-sync", node));
        assertThat(sync.exitCode()).as(sync.output()).isZero();
        Post recovered = await("recovery", Duration.ofSeconds(30), () -> recovery(ch, alert), ch);
        assertThat(say(app, ch, "carol", "!slurm check clock").reply().status()).isEqualTo(Status.OK);
        report("clock skew", fault, alert, recovered);
    }

    // ---- c. node reboot ----------------------------------------------------------------------------

    @Test
    void nodeWhoseDaemonsAllVanishIsReportedUnreachableAndReturnsAfterItsBoot() throws Exception {
        String node = SlurmopsProcess.idleNode("node002", "node001", "node003", "node004");
        Channel ch = new Channel();
        startApp(ch);

        Instant fault = Instant.now();
        LabCluster.Result off = LabCluster.run(List.of("drill", "power-off", node));
        assertThat(off.exitCode()).as(off.output()).isZero();

        Post alert = await("node alert", Duration.ofSeconds(60), () -> alertAbout(ch, "nodes", node), ch);
        assertThat(alert.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(alert.text()).contains(node).contains("node unreachable")
                .doesNotContain("Suggested fix: `!slurm restart slurmd");

        Instant boot = Instant.now();
        LabCluster.Result up = LabCluster.run(List.of("drill", "boot", node));
        assertThat(up.exitCode()).as(up.output()).isZero();
        // ReturnToService=2: the registering slurmd returns the node; nobody resumes it. Its boot time is
        // the host's (one kernel), so Slurm never sees "Node unexpectedly rebooted" here.
        awaitTrue(node + " idle", Duration.ofSeconds(30), () -> nodeState(node).equals("idle"));
        Post recovered = await("recovery", Duration.ofSeconds(30), () -> recovery(ch, alert), ch);
        System.out.printf("DRILL node reboot: boot to recovery post %.1f s%n",
                Duration.between(boot, recovered.at()).toMillis() / 1000.0);
        report("node reboot", fault, alert, recovered);
    }

    // ---- item 3: connection exhaustion: the holders --------------------------------------------------

    @Test
    void connectionsPastEightyPercentAlertAndDbConnectionsNamesTheHolder() throws Exception {
        Channel ch = new Channel();
        Application app = startApp(ch);
        String password = Files.readString(Path.of("/var/lib/slurmlab/etc/dbpass")).strip();
        String url = "jdbc:mariadb://127.0.0.1:3306/slurm_acct_db";
        List<java.sql.Connection> held = new ArrayList<>();
        undo.add(() -> held.forEach(DrillsLabTest::closeQuietly));
        long max;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "slurm", password)) {
            max = threads(c, "SHOW VARIABLES LIKE 'max_connections'");
        }
        Instant fault = Instant.now();
        // 85 %: past the 80 % warning, short of the 95 % critical level and of refusing the bot.
        while (held.isEmpty() || threads(held.get(held.size() - 1), "SHOW GLOBAL STATUS LIKE 'Threads_connected'")
                < max * 85 / 100) {
            held.add(java.sql.DriverManager.getConnection(url, "slurm", password));
            assertThat(held.size()).isLessThan((int) max);
        }
        Post alert = await("accounting alert", Duration.ofSeconds(30), () -> alertAbout(ch, "accounting", "accounting"), ch);
        assertThat(alert.text()).contains("connections at").contains("MariaDB out of connections");

        BotResponse holders = say(app, ch, "carol", "!slurm db connections");
        assertThat(holders.reply().status()).isEqualTo(Status.WARNING);
        String text = holders.reply().toPlainText();
        Matcher row = Pattern.compile("(?m)^(\\d+)\\s+slurm\\s+(?:localhost|127\\.0\\.0\\.1)\\s").matcher(text);
        assertThat(row.find()).as("a slurm@localhost row: " + text).isTrue();
        assertThat(Long.parseLong(row.group(1))).isGreaterThanOrEqualTo(held.size());
        assertThat(text).contains("SET GLOBAL max_connections=N").contains("my.cnf");

        held.forEach(DrillsLabTest::closeQuietly);
        Post recovered = await("recovery", Duration.ofSeconds(30), () -> recovery(ch, alert), ch);
        report("accounting connections at 85 % (holders released)", fault, alert, recovered);
    }

    private static long threads(java.sql.Connection c, String sql) throws Exception {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(2);
        }
    }

    private static void closeQuietly(java.sql.Connection c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void report(String drill, Instant fault, Post alert, Post recovered) {
        System.out.printf("DRILL %s: detected after %.1f s, recovered after %.1f s%n", drill,
                Duration.between(fault, alert.at()).toMillis() / 1000.0,
                Duration.between(fault, recovered.at()).toMillis() / 1000.0);
    }

    /** The head's slurm.conf and every node's copy, as a site with one shared slurm.conf has it. */
    private static void writeEverywhere(byte[] conf) {
        try {
            Files.write(HEAD_CONF, conf);
            try (Stream<Path> nodes = Files.list(NODES_DIR)) {
                for (Path n : nodes.toList()) {
                    Path copy = n.resolve("etc-slurm/slurm.conf");
                    if (Files.exists(copy)) {
                        Files.write(copy, conf);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Application startApp(Channel channel) throws Exception {
        Path state = bots.newState("drills-lab");
        return bots.start(LabBots.watching("lab.yaml", state, Duration.ofSeconds(3), Duration.ofSeconds(2), 2),
                channel);
    }

    /** {@code requester} asks for a change, {@code approver} approves it, and it runs. */
    private static void approved(Application app, Channel ch, String requester, String approver, String line) {
        String plan = say(app, ch, requester, line).reply().toPlainText();
        Matcher m = REQUEST.matcher(plan);
        assertThat(m.find()).as(line + " → " + plan).isTrue();
        BotResponse r = say(app, ch, approver, "!slurm approve " + m.group(1));
        assertThat(r.outcome()).as(line + " approved: " + r.reply().toPlainText()).isEqualTo(Outcome.DONE);
    }

    private static Optional<Post> alertAbout(Channel ch, String probe, String subject) {
        return ch.topLevel().stream().filter(p -> p.key().equals(probe + ":" + subject)).findFirst();
    }

    private static Optional<Post> recovery(Channel ch, Post alert) {
        return ch.thread(alert.id()).stream().filter(p -> p.text().contains("RECOVERED")).findFirst();
    }

    private static String nodeState(String node) throws Exception {
        return LabCluster.exec(List.of("sinfo", "-h", "-n", node, "-o", "%T"), 20).output().strip();
    }

}
