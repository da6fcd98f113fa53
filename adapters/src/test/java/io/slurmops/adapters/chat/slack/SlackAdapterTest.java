package io.slurmops.adapters.chat.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.slurmops.adapters.chat.ChatStartException;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.testing.Fixtures;
import io.slurmops.adapters.chat.testing.RecordingHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.slurmops.adapters.chat.slack.FakeSlackWebApi.APP_TOKEN;
import static io.slurmops.adapters.chat.slack.FakeSlackWebApi.BOT_TOKEN;
import static io.slurmops.adapters.chat.slack.FakeSlackWebApi.BOT_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Slack adapter with the real slack-api-client (Web API + Socket Mode over Java-WebSocket) against
 * local fakes of both Slack endpoints, fed with the shared fixtures.
 */
@Timeout(60)
class SlackAdapterTest {

    private static final String TS = "1610241741.000200";
    private static final Duration QUIET = Duration.ofMillis(500);

    private FakeSocketMode socket;
    private FakeSlackWebApi web;
    private final RecordingHandler handler = new RecordingHandler();
    private SlackAdapter adapter;

    @BeforeEach
    void fakes() throws Exception {
        socket = new FakeSocketMode();
        socket.startAndWait();
        web = new FakeSlackWebApi(socket::url);
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        web.close();
        socket.shutdown();
    }

    private SlackSettings settings() {
        return new SlackSettings(BOT_TOKEN, APP_TOKEN, web.apiUrl(), Set.of("C111"), OutsideChannels.IGNORE, false);
    }

    private void start(SlackSettings s) throws InterruptedException {
        adapter = new SlackAdapter(s, "!slurm", handler);
        adapter.start();
        socket.awaitConnections(1);
    }

    @Test
    void commandIsHandledOnceAndAnsweredInItsThreadWithReceipts() throws Exception {
        start(settings());
        socket.sendFrame(SlackFrames.message("Ev1", "C111", "U222", "!slurm status", TS));

        assertThat(socket.nextAck()).isEqualTo("env-Ev1");
        ChatMessage m = handler.nextMessage();
        assertThat(m.platform()).isEqualTo("slack");
        assertThat(m.eventId()).isEqualTo("Ev1");
        assertThat(m.channelId()).isEqualTo("C111");
        assertThat(m.userId()).isEqualTo("U222");
        assertThat(m.userName()).isEqualTo("Name of U222");          // users.info, not the raw id
        assertThat(m.text()).isEqualTo("!slurm status");
        assertThat(m.messageId()).isEqualTo(TS);

        FakeSlackWebApi.Call post = web.await("chat.postMessage", c -> true);
        assertThat(post.get("channel")).isEqualTo("C111");
        assertThat(post.get("thread_ts")).isEqualTo(TS);
        assertThat(post.get("text")).contains("Cluster hpc1: all nodes up");
        assertThat(post.token()).isEqualTo(BOT_TOKEN);

        web.await("reactions.add", c -> "white_check_mark".equals(c.get("name")));
        List<String> marks = web.calls("reactions.add").stream()
                .filter(c -> TS.equals(c.get("timestamp"))).map(c -> c.get("name")).toList();
        assertThat(marks).containsExactly("eyes", "white_check_mark");
        handler.assertNoMoreMessages(QUIET);
    }

    @Test
    void anErrorReplyEndsWithACross() throws Exception {
        handler.answering((m, c) -> c.post(Reply.error("scontrol failed")));
        start(settings());
        socket.sendFrame(SlackFrames.message("Ev1", "C111", "U222", "!slurm status", TS));
        handler.nextMessage();
        web.await("reactions.add", c -> "x".equals(c.get("name")) && TS.equals(c.get("timestamp")));
        assertThat(web.calls("reactions.add")).noneMatch(c -> "white_check_mark".equals(c.get("name")));
    }

    @Test
    void aMentionOfTheBotIsTheSameAsThePrefixAndRunsOnceThoughSlackSendsItTwice() throws Exception {
        start(settings());
        String text = "<@" + BOT_USER + "> status";
        socket.sendFrame(SlackFrames.message("EvMsg", "C111", "U222", text, TS));
        socket.sendFrame(SlackFrames.mention("EvMention", "C111", "U222", text, TS));

        assertThat(handler.nextMessage().text()).isEqualTo("!slurm status");
        socket.sendFrame(SlackFrames.message("EvNext", "C111", "U222", "!slurm nodes", "1610241799.000100"));
        assertThat(handler.nextMessage().text()).isEqualTo("!slurm nodes");
        handler.assertNoMoreMessages(QUIET);
        assertThat(web.calls("chat.postMessage")).hasSize(2);
    }

    @Test
    void aRedeliveredEnvelopeIsAckedAgainButHandledOnce() throws Exception {
        start(settings());
        String first = SlackFrames.message("EvDup", "C111", "U222", "!slurm status", TS);
        socket.sendFrame(first);
        socket.sendFrame(SlackFrames.redelivered(first, 1));
        socket.sendFrame(SlackFrames.redelivered(first, 2));

        assertThat(List.of(socket.nextAck(), socket.nextAck(), socket.nextAck()))
                .containsExactlyInAnyOrder("env-EvDup", "env-EvDup-retry1", "env-EvDup-retry2");
        assertThat(handler.nextMessage().eventId()).isEqualTo("EvDup");
        socket.sendFrame(SlackFrames.message("EvOther", "C111", "U222", "!slurm nodes", "1610241799.000100"));
        assertThat(handler.nextMessage().eventId()).isEqualTo("EvOther");
        handler.assertNoMoreMessages(QUIET);

        // A vote is keyed on nothing but its event id: the redelivery must still count once.
        String vote = SlackFrames.reaction("EvVote", "U333", "white_check_mark", "C111", "1700000000.000001");
        socket.sendFrame(vote);
        socket.sendFrame(SlackFrames.redelivered(vote, 1));
        assertThat(handler.nextReaction().eventId()).isEqualTo("EvVote");
        handler.assertNoMoreReactions(QUIET);
    }

    @Test
    void aDisconnectFrameReconnectsAndTheNextEventStillArrives() throws Exception {
        start(settings());
        socket.sendFrame(Fixtures.read("slack/socket_mode_disconnect_refresh_requested.json"));

        socket.awaitConnections(2);
        web.awaitCount("apps.connections.open", 2);
        socket.sendFrame(SlackFrames.message("EvAfter", "C111", "U222", "!slurm status", TS));
        assertThat(handler.nextMessage().eventId()).isEqualTo("EvAfter");
        assertThat(socket.nextAck()).isEqualTo("env-EvAfter");
    }

    @Test
    void aReconnectionIsCountedAndTheConnectionReportedUpAgain() throws Exception {
        start(settings());
        assertThat(adapter.connected()).isTrue();
        assertThat(adapter.reconnects()).isZero();
        socket.sendFrame(Fixtures.read("slack/socket_mode_disconnect_refresh_requested.json"));

        socket.awaitConnections(2);
        socket.sendFrame(SlackFrames.message("EvAfter", "C111", "U222", "!slurm status", TS));
        handler.nextMessage();                               // the second connection is greeted by now
        assertThat(adapter.reconnects()).isEqualTo(1);
        assertThat(adapter.connected()).isTrue();
    }

    @Test
    void aPlanGetsVoteReactionsAndButtonsAndAVoteIsAnsweredInTheCommandThread() throws Exception {
        AtomicReference<String> planTs = new AtomicReference<>();
        handler.answering((m, c) -> planTs.set(c.postForVote(Reply.builder("Plan: resume node[1-2]")
                .status(Status.PENDING).build())));
        handler.onVote((r, c) -> c.post(Reply.builder("vote counted").build()));
        start(settings());
        socket.sendFrame(SlackFrames.message("EvPlan", "C111", "U222", "!slurm resume node[1-2]", TS));
        handler.nextMessage();

        FakeSlackWebApi.Call plan = web.await("chat.postMessage", c -> c.get("text").contains("Plan"));
        JsonObject actions = lastBlock(plan.blocks());
        assertThat(actions.get("type").getAsString()).isEqualTo("actions");
        JsonArray buttons = actions.getAsJsonArray("elements");
        assertThat(buttons.get(0).getAsJsonObject().get("action_id").getAsString()).isEqualTo("slurmops_approve");
        assertThat(buttons.get(1).getAsJsonObject().get("action_id").getAsString()).isEqualTo("slurmops_deny");
        String voteKey = buttons.get(0).getAsJsonObject().get("value").getAsString();
        assertThat(voteKey).startsWith("vote-");
        assertThat(buttons.get(1).getAsJsonObject().get("value").getAsString()).isEqualTo(voteKey);
        web.await("reactions.add", c -> planTs.get().equals(c.get("timestamp")) && "x".equals(c.get("name")));
        assertThat(web.calls("reactions.add").stream().filter(c -> planTs.get().equals(c.get("timestamp")))
                .map(c -> c.get("name"))).containsExactly("white_check_mark", "x");
        // The command waits for votes: ⏳ rather than ✅.
        web.await("reactions.add", c -> TS.equals(c.get("timestamp")) && "hourglass_flowing_sand".equals(c.get("name")));

        // The bot's own pre-added ✅ comes back as reaction_added: not a vote; nor is another app's.
        socket.sendFrame(SlackFrames.reaction("EvOwn", BOT_USER, "white_check_mark", "C111", planTs.get()));
        socket.sendFrame(SlackFrames.reaction("EvApp", "UB777", "white_check_mark", "C111", planTs.get()));
        socket.sendFrame(SlackFrames.reaction("EvVote", "U333", "white_check_mark", "C111", planTs.get()));
        ReactionEvent vote = handler.nextReaction();
        assertThat(vote.platform()).isEqualTo("slack");
        assertThat(vote.eventId()).isEqualTo("EvVote");
        assertThat(vote.channelId()).isEqualTo("C111");
        assertThat(vote.messageId()).isEqualTo(planTs.get());
        assertThat(vote.userId()).isEqualTo("U333");
        assertThat(vote.userName()).isEqualTo("Name of U333");
        assertThat(vote.emoji()).isEqualTo("white_check_mark");
        handler.assertNoMoreReactions(QUIET);
        FakeSlackWebApi.Call answer = web.await("chat.postMessage", c -> c.get("text").contains("vote counted"));
        assertThat(answer.get("thread_ts")).isEqualTo(TS);
    }

    @Test
    void aFollowUpToThePlanGoesIntoTheCommandsThreadNotUnderThePlanReply() throws Exception {
        AtomicReference<String> planTs = new AtomicReference<>();
        handler.answering((m, c) -> planTs.set(c.postForVote(Reply.builder("Plan: drain n1").status(Status.PENDING)
                .build())));
        // What approvals do with a vote: the result goes "in the thread of" the plan message.
        handler.onVote((r, c) -> c.postInThread(r.messageId(), Reply.builder("#1 drain n1 — done").build()));
        start(settings());
        socket.sendFrame(SlackFrames.message("EvPlan", "C111", "U222", "!slurm drain n1 x", TS));
        handler.nextMessage();
        web.await("reactions.add", c -> planTs.get() != null && planTs.get().equals(c.get("timestamp"))
                && "x".equals(c.get("name")));

        socket.sendFrame(SlackFrames.reaction("EvVote", "U333", "white_check_mark", "C111", planTs.get()));
        handler.nextReaction();
        FakeSlackWebApi.Call result = web.await("chat.postMessage", c -> c.get("text").contains("done"));
        // Slack threads are one level deep: the plan is a reply in the command's thread, so that thread, not
        // the plan's ts (chat.postMessage: "avoid using a reply's ts value; use its parent instead").
        assertThat(result.get("thread_ts")).isEqualTo(TS);
    }

    @Test
    void aMessageWithThePlansTsInAnotherChannelIsNotInThePlansThread() throws Exception {
        AtomicReference<String> planTs = new AtomicReference<>();
        handler.answering((m, c) -> planTs.set(c.postForVote(Reply.builder("Plan: drain n1").status(Status.PENDING)
                .build())));
        handler.onVote((r, c) -> c.postInThread(r.messageId(), Reply.builder("answer in " + r.channelId()).build()));
        start(new SlackSettings(BOT_TOKEN, APP_TOKEN, web.apiUrl(), Set.of("C111", "C999"), OutsideChannels.IGNORE,
                false));
        socket.sendFrame(SlackFrames.message("EvPlan", "C111", "U222", "!slurm drain n1 x", TS));
        handler.nextMessage();
        web.await("reactions.add", c -> planTs.get() != null && planTs.get().equals(c.get("timestamp"))
                && "x".equals(c.get("name")));

        // A ts is unique per channel only: C999 has its own message with the plan's ts.
        socket.sendFrame(SlackFrames.reaction("EvOther", "U333", "white_check_mark", "C999", planTs.get()));
        handler.nextReaction();
        FakeSlackWebApi.Call answer = web.await("chat.postMessage", c -> c.get("text").contains("answer in C999"));
        assertThat(answer.get("channel")).isEqualTo("C999");
        assertThat(answer.get("thread_ts")).as("C111's thread root means nothing in C999").isEqualTo(planTs.get());
    }

    @Test
    void approveAndDenyButtonsArriveAsReactionsOnThePlanMessage() throws Exception {
        start(settings());
        String planTs = "1700000000.000777";
        socket.sendFrame(SlackFrames.click("envA", "U333", "slurmops_approve", "vote-1", "C111", planTs, "1.1"));
        ReactionEvent approve = handler.nextReaction();
        assertThat(socket.nextAck()).isEqualTo("envA");
        assertThat(approve.messageId()).isEqualTo(planTs);
        assertThat(approve.channelId()).isEqualTo("C111");
        assertThat(approve.userId()).isEqualTo("U333");
        assertThat(approve.emoji()).isEqualTo("white_check_mark");

        socket.sendFrame(SlackFrames.click("envD", "U444", "slurmops_deny", "vote-1", "C111", planTs, "1.2"));
        ReactionEvent deny = handler.nextReaction();
        assertThat(deny.userId()).isEqualTo("U444");
        assertThat(deny.emoji()).isEqualTo("x");

        // A redelivered click, and a click on someone else's button, change nothing.
        socket.sendFrame(SlackFrames.click("envD2", "U444", "slurmops_deny", "vote-1", "C111", planTs, "1.2"));
        socket.sendFrame(SlackFrames.click("envO", "U444", "a", "underlying", "C111", planTs, "1.3"));
        handler.assertNoMoreReactions(QUIET);
    }

    @Test
    void ownMessagesOtherBotsAndEditsAreIgnored() throws Exception {
        start(settings());
        socket.sendFrame(SlackFrames.fixtureWithText("slack/events_api_bot_message_classic.json", "Ev1", "!slurm status"));
        socket.sendFrame(SlackFrames.fixtureWithText("slack/events_api_message_from_bot_user.json", "Ev2", "!slurm status"));
        socket.sendFrame(SlackFrames.fixtureWithText("slack/events_api_message_changed.json", "Ev3", "!slurm status"));
        socket.sendFrame(SlackFrames.message("Ev4", "C111", BOT_USER, "!slurm status", "1610241741.000300"));
        socket.sendFrame(SlackFrames.message("Ev5", "C111", "U222", "good morning, no command here", "1610241741.000400"));
        socket.sendFrame(SlackFrames.message("Ev6", "C111", "U222", "!slurmy is not the prefix", "1610241741.000500"));
        socket.sendFrame(SlackFrames.message("Ev7", "C111", "U222", "!slurm status", "1610241741.000600"));

        assertThat(handler.nextMessage().eventId()).isEqualTo("Ev7");
        handler.assertNoMoreMessages(QUIET);
        assertThat(web.calls("reactions.add")).allMatch(c -> "1610241741.000600".equals(c.get("timestamp")));
    }

    @Test
    void aCommandInAChannelOffTheListIsIgnoredAndDirectMessagesAreOffByDefault() throws Exception {
        start(settings());
        socket.sendFrame(SlackFrames.message("Ev1", "C999", "U222", "!slurm status", TS));
        socket.sendFrame(SlackFrames.message("Ev2", "D123", "U222", "!slurm status", TS));
        socket.sendFrame(SlackFrames.reaction("Ev3", "U222", "white_check_mark", "C999", TS));
        socket.sendFrame(SlackFrames.message("Ev4", "C111", "U222", "!slurm status", "1610241741.000900"));

        assertThat(handler.nextMessage().channelId()).isEqualTo("C111");
        handler.assertNoMoreMessages(QUIET);
        handler.assertNoMoreReactions(Duration.ZERO);
        assertThat(web.calls("chat.postMessage")).allMatch(c -> c.get("channel").equals("C111"));
        assertThat(web.calls("reactions.add")).noneMatch(c -> "C999".equals(c.get("channel")));
    }

    @Test
    void withRefuseACommandOffTheListGetsARefusalInItsThread() throws Exception {
        start(settings().withOutsideChannels(OutsideChannels.REFUSE));
        socket.sendFrame(SlackFrames.message("Ev1", "C999", "U222", "!slurm status", TS));

        FakeSlackWebApi.Call refusal = web.await("chat.postMessage", c -> "C999".equals(c.get("channel")));
        assertThat(refusal.get("thread_ts")).isEqualTo(TS);
        assertThat(refusal.get("text")).contains("does not take commands in this channel");
        handler.assertNoMoreMessages(QUIET);
    }

    @Test
    void directMessagesWorkWhenEnabled() throws Exception {
        start(settings().withDirectMessages(true));
        socket.sendFrame(SlackFrames.message("Ev1", "D123", "U222", "!slurm status", TS));
        assertThat(handler.nextMessage().channelId()).isEqualTo("D123");
    }

    @Test
    void aRateLimitedPostIsRetriedAfterRetryAfterAndStillPosts() throws Exception {
        web.scriptOnce("chat.postMessage", 429, Map.of("Retry-After", "1"),
                Fixtures.read("slack/webapi_error_ratelimited.json"));
        start(settings());
        socket.sendFrame(SlackFrames.message("Ev1", "C111", "U222", "!slurm status", TS));

        List<FakeSlackWebApi.Call> posts = web.awaitCount("chat.postMessage", 2);
        long waitedMillis = (posts.get(1).atNanos() - posts.get(0).atNanos()) / 1_000_000;
        assertThat(waitedMillis).isBetween(950L, 5000L);
        assertThat(posts.get(1).get("thread_ts")).isEqualTo(TS);
        assertThat(posts.get(1).get("text")).isEqualTo(posts.get(0).get("text"));
        handler.nextMessage();
        web.await("reactions.add", c -> "white_check_mark".equals(c.get("name")));   // the reply did not fail
    }

    @Test
    void longOutputIsCutToSlackLimitsAndAttachedInFull() throws Exception {
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < 10_000; i++) {
            out.append("node%04d  idle  0/64 cpus  <ok> & fine%n".formatted(i));
        }
        String full = out.toString();
        handler.answering((m, c) -> c.post(Reply.builder("sinfo output").code(full).build()));
        start(settings());
        socket.sendFrame(SlackFrames.message("Ev1", "C111", "U222", "!slurm nodes", TS));
        handler.nextMessage();

        FakeSlackWebApi.Call post = web.await("chat.postMessage", c -> true);
        JsonArray blocks = post.blocks();
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        for (JsonElement b : blocks) {
            JsonObject text = b.getAsJsonObject().getAsJsonObject("text");
            if (text != null) {
                assertThat(text.get("text").getAsString().length()).isLessThanOrEqualTo(3000);
            }
        }
        assertThat(allText(blocks)).contains("node0000").doesNotContain("node0250")
                .contains("&lt;ok&gt; &amp; fine").contains("more lines in the attached file");

        FakeSlackWebApi.Call url = web.await("files.getUploadURLExternal", c -> true);
        FakeSlackWebApi.Call bytes = web.await("upload", c -> true);
        String uploaded = new String(bytes.body(), StandardCharsets.UTF_8);
        assertThat(uploaded).contains(full.strip()).contains("sinfo output");
        assertThat(Integer.parseInt(url.get("length"))).isEqualTo(bytes.body().length);
        FakeSlackWebApi.Call done = web.await("files.completeUploadExternal", c -> true);
        assertThat(done.get("channel_id")).isEqualTo("C111");
        assertThat(done.get("thread_ts")).isEqualTo(TS);
        assertThat(JsonParser.parseString(done.get("files")).getAsJsonArray().get(0).getAsJsonObject()
                .get("id").getAsString()).isEqualTo("F0001");
    }

    @Test
    void updateReplacesAPostedMessage() throws Exception {
        AtomicReference<String> planTs = new AtomicReference<>();
        handler.answering((m, c) -> {
            planTs.set(c.postForVote(Reply.builder("Plan").status(Status.PENDING).build()));
            c.update(planTs.get(), Reply.builder("Plan approved by U333").build());
        });
        start(settings());
        socket.sendFrame(SlackFrames.message("Ev1", "C111", "U222", "!slurm resume n1", TS));
        handler.nextMessage();
        FakeSlackWebApi.Call update = web.await("chat.update", c -> true);
        assertThat(update.get("channel")).isEqualTo("C111");
        assertThat(update.get("ts")).isEqualTo(planTs.get());
        assertThat(update.get("text")).contains("Plan approved");
        assertThat(update.get("blocks")).doesNotContain("slurmops_approve");
    }

    @Test
    void aBadBotTokenFailsStartWithAClearMessage() {
        SlackSettings bad = new SlackSettings("xoxb-wrong", APP_TOKEN, web.apiUrl(), Set.of("C111"), null, false);
        adapter = new SlackAdapter(bad, "!slurm", handler);
        assertThatThrownBy(adapter::start).isInstanceOf(ChatStartException.class)
                .hasMessageContaining("slack:").hasMessageContaining("invalid_auth")
                .hasMessageContaining("slack.botToken").hasMessageNotContaining("xoxb-wrong");
        assertThat(socket.connectionCount()).isZero();
    }

    @Test
    void aBadAppTokenFailsStartNamingTheAppToken() {
        SlackSettings bad = new SlackSettings(BOT_TOKEN, "xapp-wrong", web.apiUrl(), Set.of("C111"), null, false);
        adapter = new SlackAdapter(bad, "!slurm", handler);
        assertThatThrownBy(adapter::start).isInstanceOf(ChatStartException.class)
                .hasMessageContaining("slack.appToken").hasMessageContaining("invalid_auth");
    }

    @Test
    void anUnreachableWebApiFailsStartNamingTheUrl() {
        String url = web.apiUrl();
        web.close();
        adapter = new SlackAdapter(settings(), "!slurm", handler);
        assertThatThrownBy(adapter::start).isInstanceOf(ChatStartException.class)
                .hasMessageContaining("cannot reach the Web API at " + url);
    }

    /** Every "text" string in a block tree, joined, as a person would read it. */
    private static String allText(JsonElement e) {
        StringBuilder out = new StringBuilder();
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> out.append(allText(x)));
        } else if (e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(kv -> {
                if (kv.getKey().equals("text") && kv.getValue().isJsonPrimitive()) {
                    out.append(kv.getValue().getAsString()).append('\n');
                } else {
                    out.append(allText(kv.getValue()));
                }
            });
        }
        return out.toString();
    }

    private static JsonObject lastBlock(JsonArray blocks) {
        return blocks.get(blocks.size() - 1).getAsJsonObject();
    }
}
