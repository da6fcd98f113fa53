package io.slurmops.bot.lab;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.slurmops.adapters.chat.discord.DiscordFrames;
import io.slurmops.adapters.chat.discord.FakeDiscordGateway;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.chat.testing.Fixtures;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
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
import java.util.EnumSet;
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
 * The chat issue's "done when", end to end: the real slack-api-client and JDA connected to the local
 * wire-level fakes, the real bot pipeline and approval store, and the real lab cluster. For each
 * platform: alice asks to drain node001 → the plan is posted in the command's thread with ✅/❌ →
 * the same delivery again runs nothing → alice's own ✅ is not counted → the connection drops and
 * comes back → bob's ✅ drains node001 for real → the result is posted in the thread.
 *
 * <p>Only node001 is touched (another engineer's lab tests use node002–node004); it is resumed after each test.
 */
@LabTest
@Timeout(90)
class ChatLabTest {

    private static final String COMMAND = "!slurm drain " + NODE + " chat-test";
    /** Bounds every wait on the lab (the fakes' own awaits are bounded at 10 s). */
    private static final Duration LAB_WAIT = Duration.ofSeconds(30);

    // Slack ids.
    private static final String SLACK_CHANNEL = "C111";
    private static final String SLACK_ALICE = "U_ALICE";
    private static final String SLACK_BOB = "U_BOB";
    private static final String TS = "1710000000.000100";

    // Discord ids (snowflakes).
    private static final String DISCORD_ALICE = DiscordFrames.USER;            // 100000000000000030
    private static final String DISCORD_BOB = "100000000000000031";
    private static final String DISCORD_COMMAND = "100000000000000040";

    @TempDir
    Path state;

    @BeforeEach
    void node001InService() throws Exception {
        ChatLabNode.awaitInService("chat-test", LAB_WAIT);
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
        ChatConfig chat = LabBots.slackFake(web, SLACK_CHANNEL);
        SlurmopsConfig config = config();
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
            socket.awaitConnections(1);

            // 1. alice's command → the plan, in the command's thread, with Approve/Deny and ✅/❌ on it.
            String command = SlackFrames.message("EvDrain", SLACK_CHANNEL, SLACK_ALICE, COMMAND, TS);
            socket.sendFrame(command);
            // Redelivered at once, while the first is still being planned (Slack retries when it misses the ack).
            socket.sendFrame(SlackFrames.redelivered(command, 1));
            assertThat(socket.nextAck()).isEqualTo("env-EvDrain");
            assertThat(socket.nextAck()).isEqualTo("env-EvDrain-retry1");
            FakeSlackWebApi.Call plan = web.await("chat.postMessage", c -> c.get("text").contains("#1 needs 1 approval"));
            assertThat(plan.get("channel")).isEqualTo(SLACK_CHANNEL);
            assertThat(plan.get("thread_ts")).as("the plan is in the command's thread").isEqualTo(TS);
            assertThat(plan.blocks().toString()).contains("NodeName=" + NODE + " State=DRAIN")
                    .contains("chat-test [alice #1]");
            JsonArray buttons = lastBlock(plan.blocks()).getAsJsonArray("elements");
            assertThat(buttons.get(0).getAsJsonObject().get("action_id").getAsString()).isEqualTo("slurmops_approve");
            assertThat(buttons.get(1).getAsJsonObject().get("action_id").getAsString()).isEqualTo("slurmops_deny");
            String planTs = web.await("reactions.add", c -> "x".equals(c.get("name")) && !TS.equals(c.get("timestamp")))
                    .get("timestamp");
            assertThat(web.calls("reactions.add").stream().filter(c -> planTs.equals(c.get("timestamp")))
                    .map(c -> c.get("name"))).containsExactly("white_check_mark", "x");
            // The desk stores the plan message id once postForVote returns, i.e. after the ✅/❌ are on it.
            awaitTrue("request #1 bound to its plan message", Duration.ofSeconds(10), () -> planTs.equals(request(app).messageId()));
            web.await("reactions.add", c -> TS.equals(c.get("timestamp"))
                    && "hourglass_flowing_sand".equals(c.get("name")));

            // 2. Slack redelivers the same event again once it is handled (same event_id, retry_attempt 2):
            //    acked, nothing runs twice.
            socket.sendFrame(SlackFrames.redelivered(command, 2));
            assertThat(socket.nextAck()).isEqualTo("env-EvDrain-retry2");
            socket.sendFrame(SlackFrames.message("EvPending", SLACK_CHANNEL, SLACK_ALICE, "!slurm pending",
                    "1710000000.000200"));
            assertThat(socket.nextAck()).isEqualTo("env-EvPending");
            FakeSlackWebApi.Call pending = web.await("chat.postMessage",
                    c -> "1710000000.000200".equals(c.get("thread_ts")));
            assertThat(pending.get("text")).contains("1 request waiting for approval");
            assertThat(pending.blocks().toString()).contains("#1").doesNotContain("#2");
            assertThat(app.approvals().firstDelivery("slack", "EvDrain"))
                    .as("the delivery is also recorded in the store, for a redelivery after a restart").isFalse();

            // 3. alice's own ✅ on the plan: not counted, said in the thread; the node stays in service.
            socket.sendFrame(SlackFrames.reaction("EvSelf", SLACK_ALICE, "white_check_mark", SLACK_CHANNEL, planTs));
            assertThat(socket.nextAck()).isEqualTo("env-EvSelf");
            FakeSlackWebApi.Call self = web.await("chat.postMessage", c -> c.get("text").contains("vote not counted"));
            assertThat(self.get("text")).contains("alice requested #1 and cannot approve it");
            assertThat(self.get("thread_ts")).isEqualTo(TS);
            assertThat(request(app).state()).isEqualTo(RequestState.PENDING);
            assertThat(nodeState()).as("nothing ran on alice's own vote").doesNotStartWith("drain");

            // 4. Slack asks for a refresh in the middle of the approval: a new apps.connections.open, a new socket.
            socket.sendFrame(Fixtures.read("slack/socket_mode_disconnect_refresh_requested.json"));
            socket.awaitConnections(2);
            web.awaitCount("apps.connections.open", 2);

            // 5. bob's ✅ on the plan, on the new connection: node001 is drained for real, the result is in the thread.
            String bobsVote = SlackFrames.reaction("EvBob", SLACK_BOB, "white_check_mark", SLACK_CHANNEL, planTs);
            socket.sendFrame(bobsVote);
            assertThat(socket.nextAck()).isEqualTo("env-EvBob");
            FakeSlackWebApi.Call approved = web.await("chat.postMessage",
                    c -> c.get("text").contains("#1 approved by bob (1/1)"));
            assertThat(approved.get("thread_ts")).as("the approval is said in the command's thread").isEqualTo(TS);
            FakeSlackWebApi.Call result = web.await("chat.postMessage",
                    c -> c.get("text").contains("#1 ") && c.get("text").contains("done in"));
            assertThat(result.get("thread_ts")).as("the result is posted in the command's thread").isEqualTo(TS);
            assertDrainedByAlice();

            // bob's vote redelivered on the new connection: not a second vote ("already succeeded"), nothing reruns.
            socket.sendFrame(SlackFrames.redelivered(bobsVote, 1));
            assertThat(socket.nextAck()).isEqualTo("env-EvBob-retry1");
            socket.sendFrame(SlackFrames.message("EvPending2", SLACK_CHANNEL, SLACK_ALICE, "!slurm pending",
                    "1710000000.000300"));
            assertThat(socket.nextAck()).isEqualTo("env-EvPending2");
            assertThat(web.await("chat.postMessage", c -> "1710000000.000300".equals(c.get("thread_ts"))).get("text"))
                    .contains("No request is waiting for approval");

            // Exactly one plan, one approval, one result and one request, however the deliveries went.
            assertThat(web.calls("chat.postMessage")).filteredOn(c -> c.get("text").contains("needs 1 approval"))
                    .hasSize(1);
            assertThat(web.calls("chat.postMessage")).filteredOn(c -> c.get("text").contains("#1 approved by"))
                    .hasSize(1);
            assertThat(web.calls("chat.postMessage")).filteredOn(c -> c.get("text").contains("#1 ")
                    && (c.get("text").contains("done in") || c.get("text").contains("already"))).hasSize(1);
            assertThat(allRequests(app)).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(RequestState.SUCCEEDED);
                assertThat(r.requesterId()).isEqualTo(SLACK_ALICE);
            });
        } finally {
            web.close();
            socket.shutdown();
        }
    }

    @Test
    void discord() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.startAndWait();
        FakeDiscordRest rest = new FakeDiscordRest();
        String channel = FakeDiscordGateway.CHANNEL;
        ChatConfig chat = LabBots.discordFake(rest, gateway, channel);
        SlurmopsConfig config = config();
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {

            // 1. alice's command → the plan as a reply to it, with Approve/Deny buttons and ✅/❌ on it.
            JsonObject command = DiscordFrames.message(DISCORD_COMMAND, channel, DISCORD_ALICE, "alice", COMMAND);
            gateway.dispatch(command);
            gateway.dispatch(command.deepCopy());                   // the same dispatch twice, while it is planned
            FakeDiscordRest.Call plan = rest.await("the plan", c -> isCreate(c, channel)
                    && content(c).contains("#1 needs 1 approval"));
            assertThat(referenced(plan)).as("the plan replies to the command").isEqualTo(DISCORD_COMMAND);
            assertThat(content(plan)).contains("NodeName=" + NODE + " State=DRAIN").contains("chat-test [alice #1]");
            JsonArray buttons = plan.payload().getAsJsonArray("components").get(0).getAsJsonObject()
                    .getAsJsonArray("components");
            String approveId = buttons.get(0).getAsJsonObject().get("custom_id").getAsString();
            assertThat(approveId).startsWith("slurmops_approve:");
            String planId = rest.await("❌ on the plan", c -> c.method().equals("PUT")
                    && c.path().contains("/reactions/%E2%9D%8C/") && !c.path().contains("/" + DISCORD_COMMAND + "/"))
                    .path().replaceAll(".*/messages/(\\d+)/reactions/.*", "$1");
            assertThat(rest.reactions()).containsSubsequence(planId + " ✅", planId + " ❌");
            // The desk stores the plan message id once postForVote returns, i.e. after the ✅/❌ are on it.
            awaitTrue("request #1 bound to its plan message", Duration.ofSeconds(10), () -> planId.equals(request(app).messageId()));
            rest.await("⏳ on the command", c -> c.path().contains(DISCORD_COMMAND + "/reactions/%E2%8F%B3/"));

            // 2. The same MESSAGE_CREATE again once it is handled: nothing runs twice.
            gateway.dispatch(command.deepCopy());
            gateway.dispatch(DiscordFrames.message("100000000000000041", channel, DISCORD_ALICE, "alice",
                    "!slurm pending"));
            FakeDiscordRest.Call pending = rest.await("pending", c -> isCreate(c, channel)
                    && "100000000000000041".equals(referenced(c)));
            assertThat(content(pending)).contains("1 request waiting for approval").contains("#1")
                    .doesNotContain("#2");
            assertThat(app.approvals().firstDelivery("discord", DISCORD_COMMAND))
                    .as("the delivery is also recorded in the store, for a redelivery after a restart").isFalse();

            // 3. alice's own ✅ — and her own Approve click — on the plan: not counted; the node stays in service.
            gateway.dispatch(DiscordFrames.reaction(DISCORD_ALICE, "alice", planId, "✅"));
            FakeDiscordRest.Call self = rest.await("self-vote refusal", c -> isCreate(c, channel)
                    && content(c).contains("vote not counted"));
            assertThat(content(self)).contains("alice requested #1 and cannot approve it");
            assertThat(referenced(self)).isEqualTo(planId);
            gateway.dispatch(DiscordFrames.click("300000000000000001", approveId, planId, DISCORD_ALICE, "alice"));
            rest.await("the click is acknowledged",
                    c -> c.path().startsWith("/api/v10/interactions/300000000000000001/"));
            rest.await("second self-vote refusal", c -> isCreate(c, channel) && content(c).contains("vote not counted")
                    && c != self);
            assertThat(request(app).state()).isEqualTo(RequestState.PENDING);
            assertThat(nodeState()).as("nothing ran on alice's own votes").doesNotStartWith("drain");

            // 4. The gateway asks for a reconnect (op 7) in the middle of the approval: JDA resumes the session,
            //    and Discord replays the command once more.
            gateway.sendOp(7);
            JsonObject resume = gateway.awaitOp(6, 1);
            assertThat(resume.getAsJsonObject("d").get("session_id").getAsString()).isEqualTo("fake-session-1");
            assertThat(gateway.opens()).isEqualTo(2);
            gateway.dispatch(command.deepCopy());

            // 5. bob's ✅ on the plan, after the resume: node001 is drained for real, the result replies to the plan.
            gateway.dispatch(DiscordFrames.reaction(DISCORD_BOB, "bob", planId, "✅"));
            FakeDiscordRest.Call approved = rest.await("approval", c -> isCreate(c, channel)
                    && content(c).contains("#1 approved by bob (1/1)"));
            assertThat(referenced(approved)).isEqualTo(planId);
            FakeDiscordRest.Call result = rest.await("result", c -> isCreate(c, channel)
                    && content(c).contains("#1 ") && content(c).contains("done in"));
            assertThat(referenced(result)).as("the result replies to the plan").isEqualTo(planId);
            assertDrainedByAlice();

            // bob's reaction replayed (as after another resume): no second vote, nothing reruns.
            gateway.dispatch(DiscordFrames.reaction(DISCORD_BOB, "bob", planId, "✅"));
            gateway.dispatch(DiscordFrames.message("100000000000000042", channel, DISCORD_ALICE, "alice",
                    "!slurm pending"));
            assertThat(content(rest.await("second pending", c -> isCreate(c, channel)
                    && "100000000000000042".equals(referenced(c))))).contains("No request is waiting for approval");

            // Exactly one plan, one approval, one result and one request, however the deliveries went.
            assertThat(rest.calls(c -> isCreate(c, channel) && content(c).contains("needs 1 approval"))).hasSize(1);
            assertThat(rest.calls(c -> isCreate(c, channel) && content(c).contains("#1 approved by"))).hasSize(1);
            assertThat(rest.calls(c -> isCreate(c, channel) && content(c).contains("#1 ")
                    && (content(c).contains("done in") || content(c).contains("already")))).hasSize(1);
            assertThat(allRequests(app)).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(RequestState.SUCCEEDED);
                assertThat(r.requesterId()).isEqualTo(DISCORD_ALICE);
            });
        } finally {
            rest.close();
            gateway.shutdown();
        }
    }

    /** config/lab.yaml's site, ssh and accounting DB, with a fresh store, the test's people, and no alerts. */
    private SlurmopsConfig config() throws Exception {
        return LabBots.chatConfig(state, "ChatLabTest", Map.of("slack:" + SLACK_ALICE, "operator",
                "slack:" + SLACK_BOB, "approver", "discord:" + DISCORD_ALICE, "operator",
                "discord:" + DISCORD_BOB, "approver"), root -> { });
    }

    private void assertDrainedByAlice() throws Exception {
        awaitTrue("node001 drained", LAB_WAIT, () -> nodeState().startsWith("drain"));
        // A trailing "*" (not responding for a moment) is about pings, not about the drain.
        assertThat(nodeState().replaceFirst("\\*$", "")).isIn("drained", "draining");
        assertThat(reason()).isEqualTo("chat-test [alice #1]");
    }

    private static RequestRecord request(Application app) {
        return app.approvals().store().transaction(tx -> tx.request(1)).orElseThrow();
    }

    private static List<RequestRecord> allRequests(Application app) {
        return app.approvals().store().transaction(tx -> tx.requestsIn(EnumSet.allOf(RequestState.class)));
    }

    private static JsonObject lastBlock(JsonArray blocks) {
        return blocks.get(blocks.size() - 1).getAsJsonObject();
    }
}
