package io.slurmops.bot.lab;

import static io.slurmops.bot.lab.LabWaits.await;
import static io.slurmops.bot.lab.LabWaits.awaitTrue;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.slurmops.bot.lab.LabBots.say;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health watch against real faults on the lab, as the issue's "Done when" lists them: for each
 * break, an Application on a fresh store with short alert intervals posts exactly one alert with the
 * right diagnosis and suggested fix; an operator's ✅ on the alert turns the fix into a normal plan,
 * nothing runs until someone else approves it, the approved fix repairs the lab for real, and the
 * recovery follows in the alert's thread. A restart on the same store neither re-posts an open
 * incident nor forgets to post its recovery.
 *
 * <p>"Exactly one" counts top-level posts about the fault over the whole scenario — at least
 * {@link #QUIET} (several polls of every probe) after the first alert, then through the repair and
 * the recovery. Other engineers may be running drills on other nodes of the shared lab, so node
 * alerts are counted for the node under test only; cluster-wide probes (controller, accounting,
 * config, clock) must stay silent unless they are the one expected.
 */
@LabTest
class AlertLabTest {

    private static final String HEAD_SYSTEMCTL = "/var/lib/slurmlab/bin/systemctl";
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Duration NODES_INTERVAL = Duration.ofSeconds(2);
    private static final int RECOVERY_POLLS = 2;
    /** How long after the first alert we keep watching for a second one before the fix is approved. */
    private static final Duration QUIET = INTERVAL.multipliedBy(4);
    /** Cluster-wide probes: whatever else is going on in the lab, these must not alert beside ours. */
    private static final List<String> CLUSTER_PROBES = List.of("controller", "accounting", "config", "clock");
    private static final Pattern INCIDENT_KEY = Pattern.compile("#(\\d+) \\(([a-z]+):([^)]+)\\)");
    private static final Pattern REQUEST_TAG = Pattern.compile("^#(\\d+) ");
    private static final AtomicInteger CHANNELS = new AtomicInteger();

    private final LabBots bots = new LabBots();

    @AfterEach
    void closeAndRestore() throws Exception {
        // The bots first, so they post nothing about the restore; then heal every break.
        bots.close();
        LabCluster.restore();
    }

    // ---- 1. slurmd killed on a node ---------------------------------------------------------------

    @Test
    void stoppedSlurmdAlertsOnceAndTheApprovedRestartBringsTheNodeBack() throws Exception {
        String node = SlurmopsProcess.idleNode("node002", "node003", "node001", "node004");
        Channel ch = new Channel();
        Application app = startApp(newState(), ch);

        assertThat(LabCluster.onNode(node, "systemctl", "stop", "slurmd").exitCode()).isZero();

        Post alert = awaitAlert(ch, "nodes", node, Duration.ofSeconds(60));
        assertThat(alert.kind()).as("an alert with a fix is posted for votes").isEqualTo(Kind.VOTE);
        assertThat(alert.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(alert.text()).contains("CRITICAL " + node).contains("node not responding")
                .contains("Suggested fix: `!slurm restart slurmd " + node + "`");

        String request = requestFix(app, ch, alert, "alice", "Restart slurmd on " + node);
        // alice's ✅ alone ran nothing: the plan waits for someone else.
        assertThat(nodeServiceActive(node, "slurmd")).as("slurmd before approval").isFalse();
        assertThat(nodeState(node)).as("node before approval").matches("(down|idle|mixed|allocated)\\*|down.*");

        awaitQuiet(alert);
        assertApprovedAndRan(say(app, ch, "bob", "!slurm approve " + request));
        assertThat(nodeServiceActive(node, "slurmd")).isTrue();
        awaitTrue("sinfo shows " + node + " idle", Duration.ofSeconds(30), () -> nodeState(node).equals("idle"));

        Post recovered = awaitRecovery(ch, alert, Duration.ofSeconds(30));
        assertThat(recovered.text()).contains("RECOVERED").contains(node);
        assertExactlyOneAlert(ch, alert, "nodes", node);
        assertThat(ch.reactions()).as("the bot marks the recovered alert ✅")
                .anySatisfy(r -> assertThat(r.messageId() + " " + r.emoji()).isEqualTo(alert.id() + " white_check_mark"));
    }

    // ---- 2. slurmctld stopped ---------------------------------------------------------------------

    @Test
    void stoppedSlurmctldAlertsOnceAndTheApprovedStartBringsItBack() throws Exception {
        Channel ch = new Channel();
        Application app = startApp(newState(), ch);

        assertThat(LabCluster.exec(List.of(HEAD_SYSTEMCTL, "stop", "slurmctld"), 60).exitCode()).isZero();

        Post alert = awaitAlert(ch, "controller", "slurmctld-primary", Duration.ofSeconds(30));
        assertThat(alert.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(alert.text()).contains("CRITICAL").contains("slurmctld").contains("slurmctld unreachable")
                .contains("Suggested fix: `!slurm start slurmctld`");

        String request = requestFix(app, ch, alert, "alice", "Start slurmctld on ");
        assertThat(headServiceActive("slurmctld")).as("slurmctld before approval").isFalse();

        awaitQuiet(alert);
        // erin votes the way chat does: ✅ on the plan message.
        Post plan = planPost(ch, request);
        react(app, ch, plan.id(), "erin");
        awaitTrue("slurmctld active", Duration.ofSeconds(30), () -> headServiceActive("slurmctld"));
        awaitTrue("scontrol ping answers", Duration.ofSeconds(30),
                () -> LabCluster.exec(List.of("scontrol", "ping"), 20).output().contains("is UP"));

        Post recovered = awaitRecovery(ch, alert, Duration.ofSeconds(30));
        assertThat(recovered.text()).contains("RECOVERED").contains("slurmctld");
        assertThat(ch.thread(plan.id())).as("the run report in the plan's thread")
                .anySatisfy(p -> assertThat(p.text()).contains("approved by erin"));
        // The nodes come back to a controller that restarted: no node alert may follow from it.
        awaitNodesIdle();
        sleep(NODES_INTERVAL.multipliedBy(2));
        assertExactlyOneAlert(ch, alert, "controller", "slurmctld-primary");
        assertThat(alertsOf(ch, "nodes")).as("node alerts caused by the controller restart").isEmpty();
    }

    // ---- 3. slurmdbd stopped ----------------------------------------------------------------------

    @Test
    void stoppedSlurmdbdAlertsOnceAndTheApprovedStartBringsItBack() throws Exception {
        Channel ch = new Channel();
        Application app = startApp(newState(), ch);

        assertThat(LabCluster.exec(List.of(HEAD_SYSTEMCTL, "stop", "slurmdbd"), 60).exitCode()).isZero();

        Post alert = awaitAlert(ch, "accounting", "accounting", Duration.ofSeconds(30));
        assertThat(alert.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(alert.text()).contains("slurmdbd not answering").contains("slurmdbd unreachable")
                .contains("Suggested fix: `!slurm start slurmdbd`");

        String request = requestFix(app, ch, alert, "alice", "Start slurmdbd on ");
        assertThat(headServiceActive("slurmdbd")).as("slurmdbd before approval").isFalse();

        awaitQuiet(alert);
        assertApprovedAndRan(say(app, ch, "bob", "!slurm approve " + request));
        awaitTrue("slurmdbd active", Duration.ofSeconds(30), () -> headServiceActive("slurmdbd"));

        Post recovered = awaitRecovery(ch, alert, Duration.ofSeconds(30));
        assertThat(recovered.text()).contains("RECOVERED");
        assertExactlyOneAlert(ch, alert, "accounting", "accounting");
    }

    // ---- 4. a foreign munge key on one node -------------------------------------------------------

    @Test
    void foreignMungeKeyAlertsOnceWithSyncMungeAndTheApprovedSyncHealsTheNode() throws Exception {
        String node = SlurmopsProcess.idleNode("node003", "node004", "node002", "node001");
        Channel ch = new Channel();
        Application app = startApp(newState(), ch);

        for (List<String> step : List.of(List.of("mungekey", "-c", "-f", "-k", "/etc/munge/munge.key"),
                List.of("chown", "munge:munge", "/etc/munge/munge.key"), List.of("chmod", "0400", "/etc/munge/munge.key"),
                List.of("systemctl", "restart", "munge"))) {
            LabCluster.Result r = LabCluster.onNode(node, step.toArray(String[]::new));
            assertThat(r.exitCode()).as(step + ": " + r.output()).isZero();
        }

        Post alert = awaitAlert(ch, "nodes", node, Duration.ofSeconds(90));
        assertThat(alert.reply().status()).isEqualTo(Status.CRITICAL);
        assertThat(alert.text()).contains(node).contains("munge key differs")
                .contains("Suggested fix: `!slurm sync munge " + node + "`")
                .doesNotContain("Suggested fix: `!slurm restart slurmd");

        String request = requestFix(app, ch, alert, "alice", "Sync the munge key to " + node);
        assertThat(nodeMungeWorks(node)).as("munge round trip before approval").isFalse();

        awaitQuiet(alert);
        assertApprovedAndRan(say(app, ch, "dave", "!slurm approve " + request));
        awaitTrue("sinfo shows " + node + " idle", Duration.ofSeconds(45), () -> nodeState(node).equals("idle"));
        assertThat(say(app, ch, "carol", "!slurm check munge " + node).reply().status()).isEqualTo(Status.OK);

        Post recovered = awaitRecovery(ch, alert, Duration.ofSeconds(30));
        assertThat(recovered.text()).contains("RECOVERED").contains(node);
        assertExactlyOneAlert(ch, alert, "nodes", node);
    }

    // ---- 5. a drifted slurm.conf on one node ------------------------------------------------------

    @Test
    void driftedSlurmConfAlertsOnceWithSyncConfigAndTheApprovedSyncMakesCheckConfigClean() throws Exception {
        String node = SlurmopsProcess.idleNode("node004", "node003", "node002", "node001");
        Channel ch = new Channel();
        Application app = startApp(newState(), ch);

        assertThat(LabCluster.onNode(node, "sh", "-c", "echo '# slurmops alert drift test' >> /etc/slurm/slurm.conf")
                .exitCode()).isZero();

        Post alert = awaitAlert(ch, "config", "config", Duration.ofSeconds(30));
        assertThat(alert.text()).contains(node).contains("slurm.conf differs")
                .contains("Suggested fix: `!slurm sync config " + node + "`");

        String request = requestFix(app, ch, alert, "alice", "Sync /etc/slurm/slurm.conf to " + node);
        assertThat(say(app, ch, "carol", "!slurm check config").reply().status()).as("before approval")
                .isEqualTo(Status.CRITICAL);

        awaitQuiet(alert);
        assertApprovedAndRan(say(app, ch, "bob", "!slurm approve " + request));
        assertThat(say(app, ch, "carol", "!slurm check config").reply().status()).isEqualTo(Status.OK);

        Post recovered = awaitRecovery(ch, alert, Duration.ofSeconds(30));
        assertThat(recovered.text()).contains("RECOVERED");
        assertExactlyOneAlert(ch, alert, "config", "config");
    }

    // ---- 6. accounting DB out of connections ------------------------------------------------------

    @Test
    void accountingDbNearMaxConnectionsAlertsOnceAndRecoversWhenTheyClose() throws Exception {
        Channel ch = new Channel();
        Application app = startApp(newState(), ch);
        String password = Files.readString(Path.of("/var/lib/slurmlab/etc/dbpass")).strip();
        String url = "jdbc:mariadb://127.0.0.1:3306/slurm_acct_db";
        List<Connection> held = new ArrayList<>();
        try {
            long max;
            try (Connection c = DriverManager.getConnection(url, "slurm", password)) {
                max = longValue(c, "SHOW VARIABLES LIKE 'max_connections'");
            }
            // 85 %: above the 80 % warning, below the 95 % critical level and short of refusing the probe.
            long target = max * 85 / 100;
            while (true) {
                Connection c = DriverManager.getConnection(url, "slurm", password);
                held.add(c);
                if (longValue(c, "SHOW GLOBAL STATUS LIKE 'Threads_connected'") >= target) {
                    break;
                }
                assertThat(held.size()).as("connections opened").isLessThan((int) max);
            }

            Post alert = awaitAlert(ch, "accounting", "accounting", Duration.ofSeconds(30));
            assertThat(alert.text()).contains("connections at").contains("MariaDB out of connections");
            awaitQuiet(alert);
            assertThat(ch.thread(alert.id())).as("no recovery while the connections are held")
                    .noneSatisfy(p -> assertThat(p.text()).contains("RECOVERED"));

            closeAll(held);
            Post recovered = awaitRecovery(ch, alert, Duration.ofSeconds(30));
            assertThat(recovered.text()).contains("RECOVERED");
            assertExactlyOneAlert(ch, alert, "accounting", "accounting");
        } finally {
            closeAll(held);
        }
    }

    // ---- 7. restart on the same store -------------------------------------------------------------

    @Test
    void aRestartedBotNeitherRepostsAnOpenIncidentNorForgetsItsRecovery() throws Exception {
        String node = SlurmopsProcess.idleNode("node001", "node002", "node003", "node004");
        Path state = newState();
        Channel first = new Channel();
        Application before = startApp(state, first);

        assertThat(LabCluster.onNode(node, "systemctl", "stop", "slurmd").exitCode()).isZero();
        Post alert = awaitAlert(first, "nodes", node, Duration.ofSeconds(60));
        long incident = incidentNumber(alert);

        before.close(); // closed again, quietly, with the other bots
        int postsBeforeRestart = first.posts().size();

        Channel second = new Channel();
        Application after = startApp(state, second);
        // Several polls of every probe while the fault persists: nothing new about it.
        sleep(QUIET);
        assertThat(alertsAbout(second, "nodes", node)).as("alerts re-posted after the restart").isEmpty();
        assertThat(second.topLevel()).as("alerts mentioning " + node + " after the restart")
                .noneSatisfy(p -> assertThat(p.isAlert() && p.text().contains(node)).isFalse());
        String open = say(after, second, "carol", "!slurm alerts").reply().toPlainText();
        assertThat(open).contains("#" + incident + " CRITICAL " + node);

        // The fix still flows from the old alert message through the new instance.
        String request = requestFix(after, second, alert, "alice", "Restart slurmd on " + node);
        assertThat(nodeServiceActive(node, "slurmd")).isFalse();
        assertApprovedAndRan(say(after, second, "bob", "!slurm approve " + request));
        awaitTrue("sinfo shows " + node + " idle", Duration.ofSeconds(30), () -> nodeState(node).equals("idle"));

        Post recovered = awaitRecovery(second, alert, Duration.ofSeconds(30));
        assertThat(recovered.text()).contains("RECOVERED").contains("incident #" + incident);
        sleep(NODES_INTERVAL.multipliedBy(2));
        assertThat(second.thread(alert.id()).stream().filter(p -> p.text().contains("RECOVERED")))
                .as("recovery posted once, by the new instance").hasSize(1);
        assertThat(alertsAbout(second, "nodes", node)).isEmpty();
        assertThat(first.posts()).as("the closed instance posts nothing more").hasSize(postsBeforeRestart);
        assertThat(after.alertStore().open()).noneSatisfy(i -> assertThat(i.id()).isEqualTo(incident));
    }

    // ---- the bot, started as in production but on a fresh store with short intervals -----------

    private Path newState() throws Exception {
        return bots.newState("alert-lab");
    }

    private Application startApp(Path state, Channel channel) throws Exception {
        return bots.start(LabBots.watching("lab.yaml", state, INTERVAL, NODES_INTERVAL, RECOVERY_POLLS), channel);
    }

    /** alice (or whoever) reacts ✅ on the alert; returns the id of the plan it became. */
    private static String requestFix(Application app, Channel ch, Post alert, String who, String plannedAs)
            throws Exception {
        react(app, ch, alert.id(), who);
        Incident i = app.alertStore().byMessage("console", "alerts", alert.id()).orElseThrow();
        assertThat(i.requestId()).as("request behind the ✅ on incident #" + i.id() + "; thread: "
                + ch.thread(alert.id())).isNotNull();
        Post plan = planPost(ch, i.requestId());
        assertThat(plan.text()).contains("#" + i.requestId() + " needs 1 approval: " + plannedAs)
                .contains("Requested by " + who);
        return i.requestId();
    }

    private static void assertApprovedAndRan(BotResponse r) {
        assertThat(r.outcome()).as("approval and run: " + r.reply().toPlainText()).isEqualTo(Outcome.DONE);
    }

    private static Post planPost(Channel ch, String request) {
        return ch.posts().stream().filter(p -> p.kind() == Kind.VOTE)
                .filter(p -> p.reply().title().startsWith("#" + request + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no plan #" + request + " posted; posts: " + ch.posts()));
    }

    private static void react(Application app, Channel ch, String messageId, String who) {
        app.bot().onReaction(new ReactionEvent("console", UUID.randomUUID().toString(), "alerts", messageId, who, who,
                "white_check_mark", Instant.now()), ch);
    }

    // ---- what the channel saw ----------------------------------------------------------------------

    /** Top-level alert posts (the poster's "[lab] …" messages) whose incident key is probe:subject. */
    private static List<Post> alertsAbout(Channel ch, String probe, String subject) {
        return ch.topLevel().stream().filter(p -> p.key().equals(probe + ":" + subject)).toList();
    }

    private static List<Post> alertsOf(Channel ch, String probe) {
        return ch.topLevel().stream().filter(p -> p.key().startsWith(probe + ":")).toList();
    }

    private static long incidentNumber(Post p) {
        Matcher m = INCIDENT_KEY.matcher(p.text());
        assertThat(m.find()).as("incident number in " + p.text()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static Post awaitAlert(Channel ch, String probe, String subject, Duration within) throws Exception {
        return await("an alert for " + probe + ":" + subject, within, () -> alertsAbout(ch, probe, subject).stream()
                .findFirst(), ch);
    }

    private static Post awaitRecovery(Channel ch, Post alert, Duration within) throws Exception {
        return await("RECOVERED in the thread of " + alert.id(), within, () -> ch.thread(alert.id()).stream()
                .filter(p -> p.text().contains("RECOVERED")).findFirst(), ch);
    }

    /** Lets several polls of every probe pass after the first alert while the fault persists. */
    private static void awaitQuiet(Post alert) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), alert.at().plus(QUIET));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }

    /**
     * One top-level alert about the fault, and nothing from a cluster-wide probe beside it, from the
     * fault until now (after the recovery); the recovery itself posted once.
     */
    private static void assertExactlyOneAlert(Channel ch, Post alert, String probe, String subject) {
        assertThat(alertsAbout(ch, probe, subject)).as("top-level alerts for " + probe + ":" + subject)
                .extracting(Post::id).containsExactly(alert.id());
        if (probe.equals("nodes")) {
            assertThat(ch.topLevel()).as("top-level alerts mentioning " + subject)
                    .filteredOn(p -> p.isAlert() && p.text().contains(subject)).extracting(Post::id)
                    .containsExactly(alert.id());
        }
        for (String other : CLUSTER_PROBES) {
            if (!other.equals(probe)) {
                assertThat(alertsOf(ch, other)).as(other + " alerts beside the " + probe + " one").isEmpty();
            }
        }
        assertThat(ch.thread(alert.id()).stream().filter(p -> p.text().contains("RECOVERED")))
                .as("RECOVERED messages").hasSize(1);
        assertThat(ch.thread(alert.id())).as("flapping in the thread")
                .noneSatisfy(p -> assertThat(p.text()).contains("came back"));
    }

    // ---- the lab -----------------------------------------------------------------------------------

    private static String nodeState(String node) throws Exception {
        return LabCluster.exec(List.of("sinfo", "-h", "-n", node, "-o", "%T"), 20).output().strip();
    }

    private static boolean nodeServiceActive(String node, String service) throws Exception {
        return LabCluster.onNode(node, "systemctl", "is-active", service).exitCode() == 0;
    }

    private static boolean headServiceActive(String service) throws Exception {
        return LabCluster.exec(List.of(HEAD_SYSTEMCTL, "is-active", service), 20).exitCode() == 0;
    }

    private static boolean nodeMungeWorks(String node) throws Exception {
        // A credential made on the head, decoded on the node.
        return LabCluster.exec(List.of("sh", "-c", "munge -n | " + LabCluster.labScript() + " node-exec " + node
                + " unmunge"), 20).exitCode() == 0;
    }

    private static void awaitNodesIdle() throws Exception {
        assertThat(LabCluster.run(List.of("wait-idle", "30")).exitCode()).as("lab nodes idle").isZero();
    }

    private static long longValue(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static void closeAll(List<Connection> held) {
        for (Connection c : held) {
            try {
                c.close();
            } catch (Exception e) {
                // already gone
            }
        }
        held.clear();
    }

    // ---- waiting -----------------------------------------------------------------------------------


    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    // ---- a thread-safe recording channel -----------------------------------------------------------

    enum Kind { POST, VOTE, THREAD }

    record Reaction(String messageId, String emoji, Instant at) {
    }

    record Post(String id, String parent, Kind kind, Reply reply, String text, Instant at) {
        /** One of the poster's alerts ("[lab] …"), as opposed to replies and announcements. */
        boolean isAlert() {
            return reply.title().startsWith("[lab] ");
        }

        /** An alert's incident key, probe:subject (e.g. nodes:node002); "" for other posts. */
        String key() {
            if (!isAlert()) {
                return "";
            }
            Matcher m = INCIDENT_KEY.matcher(text);
            return m.find() ? m.group(2) + ":" + m.group(3) : "";
        }

        @Override
        public String toString() {
            return at + " " + id + (parent == null ? "" : " ↳" + parent) + " " + kind + " " + reply.title();
        }
    }

    /** Remembers every post, thread reply, vote post and reaction with its time; ids unique across channels. */
    static final class Channel implements ChatChannel {
        private final String name = "c" + CHANNELS.incrementAndGet();
        private final List<Post> posts = new ArrayList<>();
        private final List<Reaction> reactions = new ArrayList<>();

        @Override
        public synchronized String post(Reply reply) {
            return add(null, Kind.POST, reply);
        }

        @Override
        public synchronized String postForVote(Reply plan) {
            return add(null, Kind.VOTE, plan);
        }

        @Override
        public synchronized String postInThread(String parentMessageId, Reply reply) {
            return add(parentMessageId, Kind.THREAD, reply);
        }

        @Override
        public synchronized void react(String messageId, String emoji) {
            reactions.add(new Reaction(messageId, emoji, Instant.now()));
        }

        private String add(String parent, Kind kind, Reply reply) {
            String id = name + "-m" + (posts.size() + 1);
            posts.add(new Post(id, parent, kind, reply, reply.toPlainText(), Instant.now()));
            return id;
        }

        synchronized List<Post> posts() {
            return List.copyOf(posts);
        }

        synchronized List<Reaction> reactions() {
            return List.copyOf(reactions);
        }

        List<Post> topLevel() {
            return posts().stream().filter(p -> p.parent() == null).toList();
        }

        List<Post> thread(String parent) {
            return posts().stream().filter(p -> parent.equals(p.parent())).toList();
        }

        String dump() {
            StringBuilder b = new StringBuilder();
            for (Post p : posts()) {
                b.append(p).append('\n');
            }
            return b.toString();
        }
    }
}
