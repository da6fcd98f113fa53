package io.slurmops.bot.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.discord.DiscordFrames;
import io.slurmops.adapters.chat.discord.DiscordSettings;
import io.slurmops.adapters.chat.discord.FakeDiscordGateway;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.chat.slack.SlackSettings;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.bot.wiring.ChatAdapters;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's "done when": a declared incident on the real lab, through the real slack-api-client and JDA
 * against the wire-level fakes. slurmd is stopped on an idle node → the health watch alerts in Slack →
 * alice declares INC-1 from the alert → her ✅ on the alert acknowledges it and requests the suggested
 * fix → bob's ✅ on the plan restarts slurmd for real → the alert recovers → a note from Discord →
 * resolve. The timeline lists it all in order, and the postmortem, with the measured times and the
 * PNG chart of the recorded node states, is attached in Slack (file upload) and in Discord (attachments).
 */
@LabTest
@Timeout(240)
class IncidentLabTest {

    private static final String CHANNEL = "C111";
    private static final String ALICE = "U_ALICE";
    private static final String BOB = "U_BOB";
    private static final String DISCORD_ALICE = DiscordFrames.USER;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern MEASURED = Pattern.compile(
            "\\| Detection \\| [^|]+ \\| [^|]+ \\|\\n\\| Acknowledgement \\| [^|]+ \\| ([^|]+) \\|\\n"
                    + "\\| Approval \\| [^|]+ \\| ([^|]+) \\|\\n\\| Recovery \\| [^|]+ \\| ([^|]+) \\|");

    @TempDir
    Path state;

    @AfterEach
    void restore() throws Exception {
        LabCluster.restore();
    }

    @Test
    void declaredIncidentFromAlertToPostmortemInSlackAndDiscord() throws Exception {
        String node = SlurmopsProcess.idleNode("node003", "node002", "node004");
        FakeSocketMode socket = new FakeSocketMode();
        socket.startAndWait();
        FakeSlackWebApi web = new FakeSlackWebApi(socket::url);
        web.displayName(ALICE, "alice");
        web.displayName(BOB, "bob");
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.startAndWait();
        FakeDiscordRest rest = new FakeDiscordRest();
        String discordChannel = FakeDiscordGateway.CHANNEL;
        ChatConfig chat = new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN,
                FakeSlackWebApi.APP_TOKEN, web.apiUrl(), Set.of(CHANNEL), OutsideChannels.IGNORE, false)),
                Optional.of(new DiscordSettings(FakeDiscordRest.TOKEN, rest.url(), gateway.url(),
                        Set.of(discordChannel), OutsideChannels.IGNORE, false)));
        SlurmopsConfig config = config();
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
            socket.awaitConnections(1);
            app.startAlerts("slack", CHANNEL, adapters.channel("slack:" + CHANNEL));
            Thread.sleep(3000);                      // a few node samples before the fault, for the chart

            // 1. The fault, and the alert posted top-level in Slack with ✅/❌ for its fix.
            assertThat(LabCluster.onNode(node, "systemctl", "stop", "slurmd").exitCode()).isZero();
            FakeSlackWebApi.Call alertPost = await("the alert for " + node, () -> web.calls("chat.postMessage")
                    .stream().filter(c -> c.get("thread_ts") == null && c.get("text").contains(node)
                            && c.get("text").contains("CRITICAL")).findFirst());
            String alertTs = await("✅ on the alert", () -> web.calls("reactions.add").stream()
                    .filter(c -> "x".equals(c.get("name"))).map(c -> c.get("timestamp")).findFirst());
            // The incident is bound to its message once postForVote returns, i.e. after the ✅/❌ are on it.
            Incident alert = await("alert bound to its message", () -> app.alertStore().byMessage("slack", CHANNEL,
                    alertTs));
            assertThat(alert.subject()).isEqualTo(node);
            assertThat(alertPost.get("channel")).isEqualTo(CHANNEL);

            // 2. alice declares the incident from the alert.
            say(socket, "EvDeclare", ALICE, "!slurm incident declare SEV2 slurmd down on " + node + " --alert "
                    + alert.id(), "1710000001.000100");
            await("INC-1 declared", () -> find(web, "INC-1 declared: SEV2 slurmd down on " + node));
            say(socket, "EvLead", ALICE, "!slurm incident lead @bob", "1710000001.000200");
            await("the lead named", () -> find(web, "INC-1 is led by @bob"));

            // 3. alice's ✅ on the alert acknowledges it and requests the fix; bob's ✅ on the plan runs it.
            socket.sendFrame(SlackFrames.reaction("EvAck", ALICE, "white_check_mark", CHANNEL, alertTs));
            String planTs = await("the fix's plan", () -> web.calls("reactions.add").stream()
                    .filter(c -> "x".equals(c.get("name")) && !alertTs.equals(c.get("timestamp")))
                    .map(c -> c.get("timestamp")).findFirst());
            socket.sendFrame(SlackFrames.reaction("EvApprove", BOB, "white_check_mark", CHANNEL, planTs));
            await("the fix ran", () -> web.calls("chat.postMessage").stream()
                    .filter(c -> c.get("text").contains("done in")).findFirst());
            await("the alert recovered", () -> app.alertStore().byMessage("slack", CHANNEL, alertTs)
                    .filter(i -> !i.isOpen()));

            // 4. A note from Discord, naming the incident; then alice resolves it in Slack.
            gateway.dispatch(DiscordFrames.message("100000000000000050", discordChannel, DISCORD_ALICE, "alice",
                    "!slurm note restarted slurmd through the suggested fix --incident INC-1"));
            rest.await("the note", c -> content(c).contains("noted on INC-1"));
            say(socket, "EvResolve", ALICE, "!slurm incident resolve", "1710000001.000300");
            await("INC-1 resolved", () -> find(web, "INC-1 resolved"));

            // 5. The timeline: everything in order, with who.
            say(socket, "EvTimeline", ALICE, "!slurm incident timeline INC-1", "1710000001.000400");
            FakeSlackWebApi.Call timeline = await("the timeline", () -> find(web, "INC-1 timeline"));
            assertThat(timeline.blocks().toString()).containsSubsequence("alert #" + alert.id() + " detected",
                    "declared SEV2", "lead: @bob", "requested #1: `", "restart slurmd " + node, "approved #1",
                    "#1 succeeded",
                    "alert #" + alert.id() + " recovered", "note: restarted slurmd", "resolved");
            // The ✅ that acknowledged the alert is the one that requested its fix (same moment, either order).
            assertThat(timeline.blocks().toString()).contains("alert #" + alert.id() + " acknowledged");

            // 6. The postmortem, attached in Slack: Markdown with the measured times, and the PNG chart.
            say(socket, "EvPostmortem", ALICE, "!slurm incident postmortem INC-1", "1710000001.000500");
            web.await("files.getUploadURLExternal", c -> "INC-1-nodes.png".equals(c.get("filename")));
            FakeSlackWebApi.Call mdUpload = web.await("upload", c -> new String(c.body(), StandardCharsets.UTF_8)
                    .startsWith("# INC-1"));
            FakeSlackWebApi.Call pngUpload = web.await("upload", c -> c.body().length > 8 && c.body()[1] == 'P'
                    && c.body()[2] == 'N' && c.body()[3] == 'G');
            String md = new String(mdUpload.body(), StandardCharsets.UTF_8);
            assertPostmortem(md, node);
            assertThat(pngUpload.body().length).isGreaterThan(5_000);
            FakeSlackWebApi.Call done = web.await("files.completeUploadExternal",
                    c -> "1710000001.000500".equals(c.get("thread_ts")));
            assertThat(done.get("channel_id")).isEqualTo(CHANNEL);

            // 7. … and in Discord, as attachments of the reply.
            gateway.dispatch(DiscordFrames.message("100000000000000051", discordChannel, DISCORD_ALICE, "alice",
                    "!slurm incident postmortem INC-1"));
            FakeDiscordRest.Call reply = rest.await("the postmortem", c -> content(c).contains("Postmortem of INC-1"));
            assertThat(reply.files()).containsKeys("INC-1-postmortem.md", "INC-1-nodes.png");
            assertThat(reply.files().get("INC-1-nodes.png")).startsWith(0x89, 'P', 'N', 'G');
            assertPostmortem(new String(reply.files().get("INC-1-postmortem.md"), StandardCharsets.UTF_8), node);
            System.out.println("IncidentLabTest postmortem:\n" + md);
        } finally {
            web.close();
            socket.shutdown();
            rest.close();
            gateway.shutdown();
        }
    }

    private static void assertPostmortem(String md, String node) {
        assertThat(md).contains("# INC-1: slurmd down on " + node + " (SEV2) — postmortem", "## Impact",
                "## Root cause", "## Action items", "| Single node down | 2-5 min | recovered in ",
                "`!slurm restart slurmd " + node + "` | alice | bob | succeeded | an alert's suggested fix |",
                "note: restarted slurmd through the suggested fix", "Jobs failed or requeued in the window (sacct");
        assertThat(md).doesNotContain("Node-minutes lost (nodes drained or down, from the node states recorded at each "
                + "poll): unknown");
        Matcher m = MEASURED.matcher(md);
        assertThat(m.find()).as("detection → acknowledgement → approval → recovery in:\n" + md).isTrue();
        for (int g = 1; g <= 3; g++) {
            assertThat(m.group(g).strip()).as("measured time %d", g).isNotEqualTo("—").doesNotStartWith("-");
        }
    }

    private static void say(FakeSocketMode socket, String event, String user, String text, String ts) {
        socket.sendFrame(SlackFrames.message(event, CHANNEL, user, text, ts));
    }

    private static Optional<FakeSlackWebApi.Call> find(FakeSlackWebApi web, String text) {
        return web.calls("chat.postMessage").stream().filter(c -> c.get("text").contains(text)).findFirst();
    }

    private static String content(FakeDiscordRest.Call c) {
        return c.payload().has("content") ? c.payload().get("content").getAsString() : "";
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
    }

    /** config/lab.yaml with a fresh store, the test's people, a fast health watch and no Slurm triggers. */
    private SlurmopsConfig config() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(LabCluster.repoRoot().resolve("config/lab.yaml").toFile());
        root.putObject("store").put("url", "jdbc:h2:file:${STATE}/store");
        ObjectNode users = root.putObject("access").putObject("users");
        users.put("slack:" + ALICE, "operator");
        users.put("slack:" + BOB, "approver");
        users.put("discord:" + DISCORD_ALICE, "operator");
        ObjectNode alerts = (ObjectNode) root.get("alerts");
        alerts.put("interval", "3s").put("nodesInterval", "1s").put("recoveryPolls", 2).put("triggers", false);
        root.remove("console");
        if (root.get("backups") instanceof ObjectNode backups) {
            backups.remove("dailyAt");               // no backup of the lab in the middle of the incident
        }
        return new ConfigLoader(Map.of("STATE", state.toString(), "SLURMOPS_STATE", state.toString()))
                .parse(yaml.writeValueAsString(root), "IncidentLabTest (config/lab.yaml)");
    }

}
