package io.slurmops.adapters.chat.discord;

import com.google.gson.JsonObject;
import io.slurmops.adapters.chat.ChatStartException;
import io.slurmops.adapters.chat.OutsideChannels;
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

import static io.slurmops.adapters.chat.discord.DiscordFrames.USER;
import static io.slurmops.adapters.chat.discord.FakeDiscordGateway.CHANNEL;
import static io.slurmops.adapters.chat.discord.FakeDiscordRest.BOT_ID;
import static io.slurmops.adapters.chat.discord.FakeDiscordRest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Discord adapter with the real JDA 6 against a local REST fake and a local gateway fake (zlib-stream
 * compressed, as Discord's), fed with the shared fixtures.
 */
@Timeout(60)
class DiscordAdapterTest {

    private static final String MSG = "100000000000000040";
    private static final String OTHER_CHANNEL = "100000000000000021";
    private static final Duration QUIET = Duration.ofMillis(500);

    private FakeDiscordGateway gateway;
    private FakeDiscordRest rest;
    private final RecordingHandler handler = new RecordingHandler();
    private DiscordAdapter adapter;

    @BeforeEach
    void fakes() throws Exception {
        gateway = new FakeDiscordGateway();
        gateway.addChannel(OTHER_CHANNEL, "random");
        gateway.startAndWait();
        rest = new FakeDiscordRest();
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        rest.close();
        gateway.shutdown();
    }

    private DiscordSettings settings() {
        return new DiscordSettings(TOKEN, rest.url(), gateway.url(), Set.of(CHANNEL), OutsideChannels.IGNORE, false);
    }

    private void start(DiscordSettings s) {
        adapter = new DiscordAdapter(s, "!slurm", handler);
        adapter.start();
    }

    private static boolean createIn(FakeDiscordRest.Call c, String channel) {
        return c.method().equals("POST") && c.path().equals("/api/v10/channels/" + channel + "/messages");
    }

    private static String referenced(FakeDiscordRest.Call c) {
        JsonObject ref = c.payload().getAsJsonObject("message_reference");
        return ref == null ? null : ref.get("message_id").getAsString();
    }

    @Test
    void commandIsHandledOnceAndAnsweredAsAReplyWithReceipts() {
        start(settings());
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm status"));

        ChatMessage m = handler.nextMessage();
        assertThat(m.platform()).isEqualTo("discord");
        assertThat(m.eventId()).isEqualTo(MSG);
        assertThat(m.channelId()).isEqualTo(CHANNEL);
        assertThat(m.userId()).isEqualTo(USER);
        assertThat(m.userName()).isEqualTo("oncall");
        assertThat(m.text()).isEqualTo("!slurm status");
        assertThat(m.messageId()).isEqualTo(MSG);

        FakeDiscordRest.Call reply = rest.await("create message", c -> createIn(c, CHANNEL));
        assertThat(referenced(reply)).isEqualTo(MSG);
        assertThat(reply.payload().get("content").getAsString()).contains("Cluster hpc1: all nodes up");
        assertThat(reply.payload().getAsJsonObject("allowed_mentions").getAsJsonArray("parse")).isEmpty();
        assertThat(reply.authorization()).isEqualTo("Bot " + TOKEN);

        rest.await("✅ on the command", c -> c.path().contains("/messages/" + MSG + "/reactions/%E2%9C%85/"));
        assertThat(rest.reactions()).containsExactly(MSG + " 👀", MSG + " ✅");
        handler.assertNoMoreMessages(QUIET);
    }

    @Test
    void aMentionOfTheBotIsTheSameAsThePrefix() {
        start(settings());
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "<@" + BOT_ID + "> status"));
        assertThat(handler.nextMessage().text()).isEqualTo("!slurm status");
    }

    @Test
    void aReplayedMessageIsHandledOnce() {
        start(settings());
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm status"));
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm status"));
        gateway.dispatch(DiscordFrames.message("100000000000000041", CHANNEL, USER, "oncall", "!slurm nodes"));

        List<String> ids = List.of(handler.nextMessage().messageId(), handler.nextMessage().messageId());
        assertThat(ids).containsExactlyInAnyOrder(MSG, "100000000000000041");
        handler.assertNoMoreMessages(QUIET);
    }

    @Test
    void aReconnectRequestResumesAndTheNextEventStillArrives() throws Exception {
        start(settings());
        gateway.sendOp(7);                                   // RECONNECT

        JsonObject resume = gateway.awaitOp(6, 1);
        assertThat(resume.getAsJsonObject("d").get("session_id").getAsString()).isEqualTo("fake-session-1");
        assertThat(gateway.opens()).isEqualTo(2);
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm status"));
        assertThat(handler.nextMessage().messageId()).isEqualTo(MSG);
    }

    @Test
    void aResumedSessionIsCountedAsAReconnection() throws Exception {
        start(settings());
        assertThat(adapter.connected()).isTrue();
        assertThat(adapter.reconnects()).isZero();
        gateway.sendOp(7);                                   // RECONNECT

        gateway.awaitOp(6, 1);
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm status"));
        handler.nextMessage();
        for (int i = 0; i < 100 && adapter.reconnects() == 0; i++) {
            Thread.sleep(50);                                // RESUMED is dispatched on JDA's own thread
        }
        assertThat(adapter.reconnects()).isEqualTo(1);
        assertThat(adapter.connected()).isTrue();
    }

    @Test
    void aDroppedGatewayConnectionResumesAndTheNextEventStillArrives() throws Exception {
        start(settings());
        gateway.dropConnection(4000);                        // "unknown error": resumable

        gateway.awaitOp(6, 1);
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm status"));
        assertThat(handler.nextMessage().messageId()).isEqualTo(MSG);
    }

    @Test
    void aPlanGetsVoteReactionsAndButtonsAndAReactionVoteReachesTheHandler() {
        AtomicReference<String> planId = new AtomicReference<>();
        handler.answering((m, c) -> planId.set(c.postForVote(Reply.builder("Plan: resume node[1-2]")
                .status(Status.PENDING).build())));
        handler.onVote((r, c) -> c.post(Reply.builder("vote counted").build()));
        start(settings());
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm resume node[1-2]"));
        handler.nextMessage();

        FakeDiscordRest.Call plan = rest.await("plan", c -> createIn(c, CHANNEL));
        var buttons = plan.payload().getAsJsonArray("components").get(0).getAsJsonObject().getAsJsonArray("components");
        String approveId = buttons.get(0).getAsJsonObject().get("custom_id").getAsString();
        assertThat(approveId).startsWith("slurmops_approve:vote-");
        assertThat(buttons.get(0).getAsJsonObject().get("style").getAsInt()).isEqualTo(3);    // success
        assertThat(buttons.get(1).getAsJsonObject().get("custom_id").getAsString())
                .isEqualTo(approveId.replace("approve", "deny"));
        assertThat(buttons.get(1).getAsJsonObject().get("style").getAsInt()).isEqualTo(4);    // danger
        rest.await("❌ on the plan", c -> c.path().contains(planId.get() + "/reactions/%E2%9D%8C/"));
        rest.await("⏳ on the command", c -> c.path().contains(MSG + "/reactions/%E2%8F%B3/"));
        assertThat(rest.reactions()).containsSubsequence(planId.get() + " ✅", planId.get() + " ❌")
                .contains(MSG + " 👀", MSG + " ⏳");

        gateway.dispatch(DiscordFrames.reaction(BOT_ID, "slurmbot", planId.get(), "✅"));   // its own
        gateway.dispatch(DiscordFrames.reaction("100000000000000031", "approver", planId.get(), "✅"));
        ReactionEvent vote = handler.nextReaction();
        assertThat(vote.platform()).isEqualTo("discord");
        assertThat(vote.channelId()).isEqualTo(CHANNEL);
        assertThat(vote.messageId()).isEqualTo(planId.get());
        assertThat(vote.userId()).isEqualTo("100000000000000031");
        assertThat(vote.userName()).isEqualTo("approver");
        assertThat(vote.emoji()).isEqualTo("✅");
        handler.assertNoMoreReactions(QUIET);
        FakeDiscordRest.Call answer = rest.await("answer", c -> createIn(c, CHANNEL)
                && c.payload().get("content").getAsString().contains("vote counted"));
        assertThat(referenced(answer)).isEqualTo(planId.get());
    }

    @Test
    void aFollowUpInThePlansThreadThroughTheCommandsChannelRepliesToThePlan() {
        // Approvals keep the channel a request came through and post its approval and result with
        // postInThread(plan id) on it: that must reach the platform, not fall back to a reply to the command.
        AtomicReference<String> planId = new AtomicReference<>();
        handler.answering((m, c) -> {
            planId.set(c.postForVote(Reply.builder("Plan: drain n1").status(Status.PENDING).build()));
            c.postInThread(planId.get(), Reply.builder("#1 drain n1 — done").build());
        });
        start(settings());
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm drain n1 x"));
        handler.nextMessage();

        FakeDiscordRest.Call result = rest.await("result", c -> createIn(c, CHANNEL)
                && c.payload().get("content").getAsString().contains("done"));
        assertThat(referenced(result)).isEqualTo(planId.get());
    }

    /**
     * Issue 15: a leader killed after sending an alert but before recording its id leaves the claim
     * unfinished, and the next leader posts it again. With the key as the message nonce Discord returns
     * the first message (same bot user): the channel sees one alert and one recovery.
     */
    @Test
    void anAlertPostedAgainUnderTheSameKeyIsOneMessage() {
        start(settings());
        var alerts = adapter.channel(CHANNEL);
        Reply alert = Reply.builder("[lab] CRITICAL node003 not responding").status(Status.CRITICAL).build();
        int before = rest.messagesCreated();

        String first = alerts.postOnce("alert:7:opened", null, alert, true);
        String again = alerts.postOnce("alert:7:opened", null, alert, true);
        String recovery = alerts.postOnce("alert:7:resolved", first, Reply.builder("[lab] RECOVERED").build(), false);
        String recoveryAgain = alerts.postOnce("alert:7:resolved", first, Reply.builder("[lab] RECOVERED").build(), false);
        String other = alerts.postOnce("alert:8:opened", null, alert, false);

        assertThat(again).isEqualTo(first);
        assertThat(recoveryAgain).isEqualTo(recovery).isNotEqualTo(first);
        assertThat(other).isNotIn(first, recovery);
        assertThat(rest.messagesCreated() - before).as("messages in the channel").isEqualTo(3);
        List<FakeDiscordRest.Call> creates = rest.calls(c -> createIn(c, CHANNEL));
        assertThat(creates).allSatisfy(c -> assertThat(c.payload().get("enforce_nonce").getAsBoolean()).isTrue());
        assertThat(creates.stream().map(c -> c.payload().get("nonce").getAsString()).distinct())
                .as("nonces: one per key").hasSize(3).allSatisfy(n -> assertThat(n).hasSize(25));
        assertThat(referenced(creates.get(2))).as("the recovery is a reply to the alert").isEqualTo(first);
    }

    @Test
    void approveAndDenyButtonsAreAcknowledgedAndArriveAsReactions() {
        start(settings());
        String plan = "200000000000000777";
        gateway.dispatch(DiscordFrames.click("300000000000000001", "slurmops_approve:vote-1", plan,
                "100000000000000031", "approver"));
        ReactionEvent approve = handler.nextReaction();
        assertThat(approve.messageId()).isEqualTo(plan);
        assertThat(approve.channelId()).isEqualTo(CHANNEL);
        assertThat(approve.userId()).isEqualTo("100000000000000031");
        assertThat(approve.userName()).isEqualTo("approver");
        assertThat(approve.emoji()).isEqualTo("✅");
        FakeDiscordRest.Call ack = rest.await("interaction callback",
                c -> c.path().equals("/api/v10/interactions/300000000000000001/interaction-token-300000000000000001/callback"));
        assertThat(ack.payload().get("type").getAsInt()).isEqualTo(6);     // DEFERRED_UPDATE_MESSAGE

        gateway.dispatch(DiscordFrames.click("300000000000000002", "slurmops_deny:vote-1", plan,
                "100000000000000032", "other"));
        ReactionEvent deny = handler.nextReaction();
        assertThat(deny.userId()).isEqualTo("100000000000000032");
        assertThat(deny.emoji()).isEqualTo("❌");
        handler.assertNoMoreReactions(QUIET);
    }

    @Test
    void ownMessagesOtherBotsAndWebhooksAreIgnored() {
        start(settings());
        gateway.dispatch(DiscordFrames.fromBot("100000000000000051", BOT_ID, "!slurm status"));
        gateway.dispatch(DiscordFrames.fromBot("100000000000000052", "100000000000000077", "!slurm status"));
        gateway.dispatch(DiscordFrames.fromWebhook("100000000000000053", "!slurm status"));
        gateway.dispatch(DiscordFrames.message("100000000000000054", CHANNEL, USER, "oncall", "hello, no command"));
        gateway.dispatch(DiscordFrames.message("100000000000000055", CHANNEL, USER, "oncall", "!slurm status"));

        assertThat(handler.nextMessage().messageId()).isEqualTo("100000000000000055");
        handler.assertNoMoreMessages(QUIET);
        assertThat(rest.reactions()).allMatch(r -> r.startsWith("100000000000000055 "));
    }

    @Test
    void aCommandInAChannelOffTheListIsIgnored() {
        start(settings());
        gateway.dispatch(DiscordFrames.message("100000000000000061", OTHER_CHANNEL, USER, "oncall", "!slurm status"));
        gateway.dispatch(DiscordFrames.reaction(USER, "oncall", "100000000000000061", "✅"));
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm status"));

        assertThat(handler.nextMessage().channelId()).isEqualTo(CHANNEL);
        handler.assertNoMoreMessages(QUIET);
        assertThat(rest.calls(c -> c.path().contains(OTHER_CHANNEL))).isEmpty();
    }

    @Test
    void withRefuseACommandOffTheListGetsARefusalAsAReply() {
        start(settings().withOutsideChannels(OutsideChannels.REFUSE));
        gateway.dispatch(DiscordFrames.message("100000000000000061", OTHER_CHANNEL, USER, "oncall", "!slurm status"));

        FakeDiscordRest.Call refusal = rest.await("refusal", c -> createIn(c, OTHER_CHANNEL));
        assertThat(referenced(refusal)).isEqualTo("100000000000000061");
        assertThat(refusal.payload().get("content").getAsString()).contains("does not take commands in this channel");
        handler.assertNoMoreMessages(QUIET);
    }

    @Test
    void longOutputIsCutTo2000CharactersAndAttachedInFull() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < 10_000; i++) {
            out.append("node%04d  idle  0/64 cpus  **not bold**%n".formatted(i));
        }
        String full = out.toString();
        handler.answering((m, c) -> c.post(Reply.builder("sinfo output").code(full).build()));
        start(settings());
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm nodes"));
        handler.nextMessage();

        FakeDiscordRest.Call reply = rest.await("reply", c -> createIn(c, CHANNEL));
        String content = reply.payload().get("content").getAsString();
        assertThat(content.length()).isLessThanOrEqualTo(2000);
        assertThat(content).contains("node0000").doesNotContain("node0200").contains("slurmops-sinfo-output.txt");
        assertThat(content.split("```", -1)).hasSize(3);                   // the cut code block is closed
        assertThat(reply.files()).containsKey("slurmops-sinfo-output.txt");
        String attached = new String(reply.files().get("slurmops-sinfo-output.txt"), StandardCharsets.UTF_8);
        assertThat(attached).contains(full.strip()).contains("sinfo output");
        assertThat(referenced(reply)).isEqualTo(MSG);
    }

    @Test
    void aRateLimitedReplyIsRetriedByJdaAndStillPosts() {
        rest.scriptOnce("POST /api/v10/channels/" + CHANNEL + "/messages", 429,
                // A per-route limit as Discord sends it: X-RateLimit-Global only comes with the global limit,
                // and without "Via" JDA takes the 429 for a Cloudflare ban.
                Map.of("Via", "1.1 google", "Retry-After", "1", "X-RateLimit-Scope", "user",
                        "X-RateLimit-Bucket", "fake-bucket", "X-RateLimit-Limit", "5",
                        "X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "0.5"),
                "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.5, \"global\": false}");
        start(settings());
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm status"));

        handler.nextMessage();
        List<FakeDiscordRest.Call> posts = rest.calls(c -> createIn(c, CHANNEL));
        assertThat(posts).hasSize(2);
        long waitedMillis = (posts.get(1).atNanos() - posts.get(0).atNanos()) / 1_000_000;
        assertThat(waitedMillis).isBetween(950L, 5000L);
    }

    @Test
    void updateReplacesThePlanAndDropsItsButtons() {
        AtomicReference<String> planId = new AtomicReference<>();
        handler.answering((m, c) -> {
            planId.set(c.postForVote(Reply.builder("Plan").status(Status.PENDING).build()));
            c.update(planId.get(), Reply.builder("Plan approved").build());
        });
        start(settings());
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm resume n1"));
        handler.nextMessage();
        FakeDiscordRest.Call edit = rest.await("edit", c -> c.method().equals("PATCH"));
        assertThat(edit.path()).endsWith("/messages/" + planId.get());
        assertThat(edit.payload().get("content").getAsString()).contains("Plan approved");
        assertThat(edit.payload().getAsJsonArray("components")).isEmpty();
    }

    @Test
    void aBadTokenFailsStartWithAClearMessage() {
        DiscordSettings bad = new DiscordSettings("wrong-token", rest.url(), gateway.url(), Set.of(CHANNEL), null, false);
        adapter = new DiscordAdapter(bad, "!slurm", handler);
        assertThatThrownBy(adapter::start).isInstanceOf(ChatStartException.class)
                .hasMessageContaining("discord:").hasMessageContaining("401").hasMessageContaining("discord.token")
                .hasMessageNotContaining("wrong-token");
        assertThat(gateway.opens()).isZero();
    }

    @Test
    void anUnreachableRestApiFailsStartNamingTheUrl() {
        String url = rest.url();
        rest.close();
        adapter = new DiscordAdapter(settings(), "!slurm", handler);
        assertThatThrownBy(adapter::start).isInstanceOf(ChatStartException.class)
                .hasMessageContaining("discord: cannot reach the REST API at " + url);
    }

    @Test
    void settingsNeverPrintTheToken() {
        assertThat(settings().toString()).doesNotContain(TOKEN).contains("token=***");
    }
}
