package io.slurmops.bot.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slurmops.adapters.chat.discord.DiscordFrames;
import io.slurmops.adapters.chat.discord.FakeDiscordGateway;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.VoteRecord;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.bot.wiring.ChatAdapters;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.slurmops.bot.lab.ChatLabNode.NODE;
import static io.slurmops.bot.lab.ChatLabNode.nodeState;
import static io.slurmops.bot.lab.ChatLabNode.reason;
import static io.slurmops.bot.lab.ChatLabNode.resume;
import static io.slurmops.bot.lab.DiscordCalls.content;
import static io.slurmops.bot.lab.DiscordCalls.isCreate;
import static io.slurmops.bot.lab.DiscordCalls.referenced;
import static io.slurmops.bot.lab.LabWaits.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's slash commands and un-votes, end to end: the real slack-api-client and JDA against the
 * local wire fakes, the real pipeline and store, the real lab cluster. On each platform: a slash
 * command runs {@code status}; a second one asks to drain node001 (made destructive here, so it takes
 * two approvals); bob's ✅ counts, bob takes it off (withdrawn: the plan waits, node001 stays in
 * service), puts it back (counts once, also when delivered twice); carol's ✅ drains node001 for
 * real; bob's removal after the run is only noted.
 *
 * <p>Only node001 is touched, with its own reason, and it is resumed after each test.
 */
@LabTest
@Timeout(120)
class SlashCommandLabTest {

    private static final String REASON = "slash-test";
    private static final Duration LAB_WAIT = Duration.ofSeconds(30);

    private static final String SLACK_CHANNEL = "C111";
    private static final String SLACK_ALICE = "U_ALICE";
    private static final String SLACK_BOB = "U_BOB";
    private static final String SLACK_CAROL = "U_CAROL";

    private static final String DISCORD_ALICE = DiscordFrames.USER;
    private static final String DISCORD_BOB = "100000000000000031";
    private static final String DISCORD_CAROL = "100000000000000032";

    @TempDir
    Path state;

    @BeforeEach
    void node001InService() throws Exception {
        ChatLabNode.awaitInService(REASON, LAB_WAIT);
    }

    @AfterEach
    void putNode001Back() throws Exception {
        ChatLabNode.putBack();
    }

    @Test
    void slack() throws Exception {
        FakeSocketMode socket = new FakeSocketMode();
        socket.startAndWait();
        FakeSlackWebApi web = new FakeSlackWebApi(socket::url);
        web.displayName(SLACK_ALICE, "alice");
        web.displayName(SLACK_BOB, "bob");
        web.displayName(SLACK_CAROL, "carol");
        ChatConfig chat = LabBots.slackFake(web, SLACK_CHANNEL);
        SlurmopsConfig config = config();
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
            socket.awaitConnections(1);

            // 1. /slurm status: acked within 3 s, posted in the channel, answered in the thread under the post.
            long t0 = System.nanoTime();
            socket.sendFrame(SlackFrames.slash("envStatus", SLACK_ALICE, "alice", SLACK_CHANNEL, "status", "trig-status"));
            assertThat(socket.nextAck()).isEqualTo("envStatus");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            FakeSlackWebApi.Call anchor = web.await("chat.postMessage", c -> c.get("text").contains("/slurm status"));
            assertThat(anchor.get("thread_ts")).isNull();
            String anchorTs = web.await("reactions.add", c -> "eyes".equals(c.get("name"))).get("timestamp");
            FakeSlackWebApi.Call status = web.await("chat.postMessage", c -> anchorTs.equals(c.get("thread_ts")));
            assertThat(status.get("text")).contains("controller UP");
            web.await("reactions.add", c -> "white_check_mark".equals(c.get("name")) && anchorTs.equals(c.get("timestamp")));

            // 2. /slurm drain: the plan in the thread under the command's post, needing two approvals.
            socket.sendFrame(SlackFrames.slash("envDrain", SLACK_ALICE, "alice", SLACK_CHANNEL,
                    "drain " + NODE + " " + REASON, "trig-drain"));
            assertThat(socket.nextAck()).isEqualTo("envDrain");
            FakeSlackWebApi.Call plan = web.await("chat.postMessage", c -> c.get("text").contains("#1 needs 2 approvals"));
            assertThat(plan.get("thread_ts")).isNotNull().isNotEqualTo(anchorTs);
            String planTs = web.await("reactions.add", c -> "x".equals(c.get("name"))
                    && !plan.get("thread_ts").equals(c.get("timestamp"))).get("timestamp");
            awaitTrue("request #1 bound to its plan message", Duration.ofSeconds(10), () -> planTs.equals(request(app).messageId()));

            // 3. bob ✅ → 1/2; bob takes it off → withdrawn, the plan waits, node001 untouched.
            socket.sendFrame(SlackFrames.reaction("EvBob1", SLACK_BOB, "white_check_mark", SLACK_CHANNEL, planTs));
            web.await("chat.postMessage", c -> c.get("text").contains("bob approved #1 — 1/2 approvals"));
            socket.sendFrame(SlackFrames.reactionRemoved("EvBobOff", SLACK_BOB, "white_check_mark", SLACK_CHANNEL, planTs));
            FakeSlackWebApi.Call withdrawn = web.await("chat.postMessage",
                    c -> c.get("text").contains("bob withdrew their vote on #1 — 0/2 approvals"));
            assertThat(withdrawn.get("thread_ts")).isEqualTo(plan.get("thread_ts"));
            assertThat(request(app).state()).isEqualTo(RequestState.PENDING);
            assertThat(votes(app)).isEmpty();
            assertThat(nodeState()).doesNotStartWith("drain");

            // 4. bob ✅ again → counts once, also when Slack delivers that event a second time.
            String again = SlackFrames.reaction("EvBob2", SLACK_BOB, "white_check_mark", SLACK_CHANNEL, planTs);
            socket.sendFrame(again);
            socket.sendFrame(SlackFrames.redelivered(again, 1));
            awaitTrue("bob's vote back", Duration.ofSeconds(10), () -> votes(app).size() == 1);
            assertThat(web.calls("chat.postMessage")).filteredOn(c -> c.get("text").contains("bob approved #1 — 1/2"))
                    .hasSize(2);
            assertThat(nodeState()).doesNotStartWith("drain");

            // 5. carol ✅ → approved 2/2, node001 drained for real.
            socket.sendFrame(SlackFrames.reaction("EvCarol", SLACK_CAROL, "white_check_mark", SLACK_CHANNEL, planTs));
            web.await("chat.postMessage", c -> c.get("text").contains("#1 ") && c.get("text").contains("done in"));
            assertDrainedByAlice();

            // 6. bob takes his ✅ off after the run: noted in the thread, nothing changes.
            socket.sendFrame(SlackFrames.reactionRemoved("EvBobLate", SLACK_BOB, "white_check_mark", SLACK_CHANNEL, planTs));
            FakeSlackWebApi.Call late = web.await("chat.postMessage", c -> c.get("text").contains("that changes nothing"));
            assertThat(late.get("thread_ts")).isEqualTo(plan.get("thread_ts"));
            assertThat(request(app).state()).isEqualTo(RequestState.SUCCEEDED);
            assertThat(trail(app)).containsSubsequence(AuditKind.VOTE, AuditKind.VOTE_WITHDRAWN, AuditKind.VOTE,
                    AuditKind.VOTE, AuditKind.APPROVED).endsWith(AuditKind.VOTE_IGNORED);
        } finally {
            web.close();
            socket.shutdown();
        }
    }

    @Test
    void discord() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.refuseMessageContent();                      // the portal toggle off: /slurm must carry it
        gateway.startAndWait();
        FakeDiscordRest rest = new FakeDiscordRest();
        String channel = FakeDiscordGateway.CHANNEL;
        ChatConfig chat = LabBots.discordFake(rest, gateway, channel);
        SlurmopsConfig config = config();
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
            assertThat(gateway.identifiedIntents() & FakeDiscordGateway.MESSAGE_CONTENT).isZero();
            rest.await("/slurm registered", c -> c.method().equals("PUT") && c.path().endsWith("/commands"));

            // 0. autocomplete of node names, from memory.
            String complete = DiscordFrames.newId();
            long t0 = System.nanoTime();
            gateway.dispatch(DiscordFrames.autocomplete(complete, DISCORD_ALICE, "alice", "drain node00"));
            FakeDiscordRest.Call choices = rest.await("choices", c -> c.path().startsWith("/api/v10/interactions/" + complete));
            assertThat(Duration.ofNanos(choices.atNanos() - t0)).isLessThan(Duration.ofSeconds(3));

            // 1. /slurm status: deferred, then the answer fills in the response.
            String statusId = DiscordFrames.newId();
            gateway.dispatch(DiscordFrames.slash(statusId, DISCORD_ALICE, "alice", "status"));
            assertThat(rest.await("deferral", c -> c.path().startsWith("/api/v10/interactions/" + statusId))
                    .payload().get("type").getAsInt()).isEqualTo(5);
            FakeDiscordRest.Call status = rest.await("status answer", c -> isOriginal(c) && content(c).contains("controller UP"));
            assertThat(status.path()).contains("/webhooks/" + FakeDiscordRest.BOT_ID + "/");

            // 2. /slurm drain: the plan is the response, with ✅/❌ on it, needing two approvals.
            String drainId = DiscordFrames.newId();
            gateway.dispatch(DiscordFrames.slash(drainId, DISCORD_ALICE, "alice", "drain " + NODE + " " + REASON));
            rest.await("the plan", c -> isOriginal(c) && content(c).contains("#1 needs 2 approvals"));
            awaitTrue("request #1 bound to its plan message", Duration.ofSeconds(10), () -> request(app).messageId() != null);
            String planId = request(app).messageId();
            rest.await("❌ on the plan", c -> c.path().contains("/messages/" + planId + "/reactions/%E2%9D%8C/"));

            // 3. bob ✅ → 1/2; bob takes it off → withdrawn, the plan waits.
            gateway.dispatch(DiscordFrames.reaction(DISCORD_BOB, "bob", planId, "✅"));
            rest.await("bob counted", c -> isCreate(c, channel) && content(c).contains("bob approved #1 — 1/2"));
            gateway.dispatch(DiscordFrames.reactionRemoved(DISCORD_BOB, planId, "✅"));
            FakeDiscordRest.Call withdrawn = rest.await("withdrawn", c -> isCreate(c, channel)
                    && content(c).contains("withdrew their vote on #1 — 0/2 approvals"));
            assertThat(referenced(withdrawn)).isEqualTo(planId);
            assertThat(request(app).state()).isEqualTo(RequestState.PENDING);
            assertThat(votes(app)).isEmpty();
            assertThat(nodeState()).doesNotStartWith("drain");

            // 4. bob ✅ again: counts (it was dropped as a redelivery before). The same event replayed (as after a
            //    resume) is dropped without a word; a 👍 on top is a second vote by the same person, and is said.
            gateway.dispatch(DiscordFrames.reaction(DISCORD_BOB, "bob", planId, "✅"));
            awaitTrue("bob's vote back", Duration.ofSeconds(10), () -> votes(app).size() == 1);
            gateway.dispatch(DiscordFrames.reaction(DISCORD_BOB, "bob", planId, "✅"));
            gateway.dispatch(DiscordFrames.reaction(DISCORD_BOB, "bob", planId, "👍"));
            rest.await("one vote per person", c -> isCreate(c, channel) && content(c).contains("bob already voted on #1"));
            assertThat(rest.calls(c -> isCreate(c, channel) && content(c).contains("already voted")))
                    .as("the replayed ✅ said nothing").hasSize(1);
            assertThat(votes(app)).hasSize(1);
            assertThat(nodeState()).doesNotStartWith("drain");

            // 5. carol ✅ → node001 drained for real; the result replies to the plan.
            gateway.dispatch(DiscordFrames.reaction(DISCORD_CAROL, "carol", planId, "✅"));
            FakeDiscordRest.Call result = rest.await("result", c -> isCreate(c, channel)
                    && content(c).contains("#1 ") && content(c).contains("done in"));
            assertThat(referenced(result)).isEqualTo(planId);
            assertDrainedByAlice();

            // 6. bob's removal after the run: noted, nothing changes.
            gateway.dispatch(DiscordFrames.reactionRemoved(DISCORD_BOB, planId, "✅"));
            rest.await("late removal", c -> isCreate(c, channel) && content(c).contains("that changes nothing"));
            assertThat(request(app).state()).isEqualTo(RequestState.SUCCEEDED);
            assertThat(trail(app)).containsSubsequence(AuditKind.VOTE, AuditKind.VOTE_WITHDRAWN, AuditKind.VOTE,
                    AuditKind.VOTE, AuditKind.APPROVED).endsWith(AuditKind.VOTE_IGNORED);
        } finally {
            rest.close();
            gateway.shutdown();
        }
    }

    /** config/lab.yaml with a fresh store, the test's people, drain made destructive (two approvals), no alerts. */
    private SlurmopsConfig config() throws Exception {
        Map<String, String> users = new java.util.HashMap<>();
        for (String p : List.of("slack:", "discord:")) {
            boolean slack = p.equals("slack:");
            users.put(p + (slack ? SLACK_ALICE : DISCORD_ALICE), "admin");
            users.put(p + (slack ? SLACK_BOB : DISCORD_BOB), "approver");
            users.put(p + (slack ? SLACK_CAROL : DISCORD_CAROL), "approver");
        }
        return LabBots.chatConfig(state, "SlashCommandLabTest", users,
                root -> ((ObjectNode) root.get("approvals")).putObject("risk").put("drain", "destructive"));
    }

    private void assertDrainedByAlice() throws Exception {
        awaitTrue("node001 drained", LAB_WAIT, () -> nodeState().startsWith("drain"));
        assertThat(reason()).isEqualTo(REASON + " [alice #1]");
    }

    private static RequestRecord request(Application app) {
        return app.approvals().store().transaction(tx -> tx.request(1)).orElseThrow();
    }

    private static List<VoteRecord> votes(Application app) {
        return app.approvals().store().transaction(tx -> tx.votes(1));
    }

    private static List<AuditKind> trail(Application app) {
        return app.approvals().store().transaction(tx -> tx.auditOf(1)).stream()
                .map(io.slurmops.adapters.store.AuditEntry::kind).toList();
    }

    private static boolean isOriginal(FakeDiscordRest.Call c) {
        return c.method().equals("PATCH") && c.path().endsWith("/messages/@original");
    }
}
