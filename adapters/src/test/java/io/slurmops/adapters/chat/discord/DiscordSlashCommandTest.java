package io.slurmops.adapters.chat.discord;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.slurmops.adapters.chat.discord.DiscordFrames.USER;
import static io.slurmops.adapters.chat.discord.FakeDiscordGateway.CHANNEL;
import static io.slurmops.adapters.chat.discord.FakeDiscordGateway.GUILD;
import static io.slurmops.adapters.chat.discord.FakeDiscordRest.BOT_ID;
import static io.slurmops.adapters.chat.discord.FakeDiscordRest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /slurm, its autocomplete, its registration, MESSAGE_REACTION_REMOVE and a refused MESSAGE_CONTENT
 * intent, through the real JDA 6 against the local REST and gateway fakes.
 */
@Timeout(60)
class DiscordSlashCommandTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    private FakeDiscordGateway gateway;
    private FakeDiscordRest rest;
    private final RecordingHandler handler = new RecordingHandler();
    private DiscordAdapter adapter;

    @BeforeEach
    void fakes() throws Exception {
        gateway = new FakeDiscordGateway();
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

    private void start(DiscordSettings s) {
        adapter = new DiscordAdapter(s, "!slurm", handler);
        adapter.start();
    }

    private DiscordSettings settings() {
        return new DiscordSettings(TOKEN, rest.url(), gateway.url(), Set.of(CHANNEL), OutsideChannels.IGNORE, false);
    }

    private static boolean callback(FakeDiscordRest.Call c, String interactionId) {
        return c.method().equals("POST") && c.path().startsWith("/api/v10/interactions/" + interactionId + "/");
    }

    private static boolean original(FakeDiscordRest.Call c) {
        return c.method().equals("PATCH") && c.path().endsWith("/messages/@original");
    }

    @Test
    void slurmIsRegisteredGloballyWithAnAutocompletedCommandOption() {
        start(settings());
        FakeDiscordRest.Call put = rest.await("global registration", c -> c.method().equals("PUT")
                && c.path().equals("/api/v10/applications/" + BOT_ID + "/commands"));
        JsonObject slurm = put.payload().getAsJsonArray("array").get(0).getAsJsonObject();
        assertThat(slurm.get("name").getAsString()).isEqualTo("slurm");
        JsonObject option = slurm.getAsJsonArray("options").get(0).getAsJsonObject();
        assertThat(option.get("name").getAsString()).isEqualTo("command");
        assertThat(option.get("autocomplete").getAsBoolean()).isTrue();
        assertThat(option.get("required").getAsBoolean()).isFalse();
    }

    @Test
    void perGuildRegistrationWhenConfigured() {
        start(settings().withSlashCommand(DiscordSettings.SlashRegistration.GUILD));
        rest.await("guild registration", c -> c.method().equals("PUT")
                && c.path().equals("/api/v10/applications/" + BOT_ID + "/guilds/" + GUILD + "/commands"));
        assertThat(rest.calls(c -> c.path().equals("/api/v10/applications/" + BOT_ID + "/commands"))).isEmpty();
    }

    @Test
    void aSlashCommandIsDeferredThenAnsweredAndLaterRepliesReplyToTheAnswer() {
        handler.answering((m, c) -> {
            c.post(RecordingHandler.FIXED);
            c.post(Reply.builder("a second word").build());
        });
        start(settings());
        String id = DiscordFrames.newId();
        gateway.dispatch(DiscordFrames.slash(id, USER, "oncall", "status"));

        FakeDiscordRest.Call deferred = rest.await("deferral", c -> callback(c, id));
        assertThat(deferred.payload().get("type").getAsInt()).isEqualTo(5);    // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        ChatMessage m = handler.nextMessage();
        assertThat(m.text()).isEqualTo("!slurm status");
        assertThat(m.eventId()).isEqualTo("interaction:" + id);
        assertThat(m.channelId()).isEqualTo(CHANNEL);
        assertThat(m.userId()).isEqualTo(USER);
        FakeDiscordRest.Call answer = rest.await("the deferred answer", DiscordSlashCommandTest::original);
        assertThat(answer.payload().get("content").getAsString()).contains("Cluster hpc1: all nodes up");
        assertThat(answer.atNanos() - deferred.atNanos()).isPositive();
        FakeDiscordRest.Call second = rest.await("a reply to the answer", c -> c.method().equals("POST")
                && c.path().equals("/api/v10/channels/" + CHANNEL + "/messages"));
        assertThat(second.payload().getAsJsonObject("message_reference").get("message_id").getAsString())
                .as("replies to the deferred response message").isNotBlank();
        assertThat(rest.reactions()).as("no receipts on a command that is no message").isEmpty();
    }

    @Test
    void aPlanFromASlashCommandCarriesItsVoteReactionsAndButtons() {
        AtomicReference<String> planId = new AtomicReference<>();
        handler.answering((m, c) -> planId.set(c.postForVote(Reply.builder("Plan: drain node001").status(Status.PENDING)
                .build())));
        start(settings());
        gateway.dispatch(DiscordFrames.slash(DiscordFrames.newId(), USER, "oncall", "drain node001 x"));
        handler.nextMessage();
        FakeDiscordRest.Call plan = rest.await("the plan", DiscordSlashCommandTest::original);
        assertThat(plan.payload().getAsJsonArray("components")).isNotEmpty();
        rest.await("❌ on the plan", c -> c.path().contains(planId.get() + "/reactions/%E2%9D%8C/"));
        assertThat(rest.reactions()).containsExactly(planId.get() + " ✅", planId.get() + " ❌");
    }

    @Test
    void aSlashCommandWhereCommandsAreNotTakenGetsAnAnswerOnlyTheInvokerSees() {
        start(new DiscordSettings(TOKEN, rest.url(), gateway.url(), Set.of("100000000000000099"),
                OutsideChannels.IGNORE, false));
        String id = DiscordFrames.newId();
        gateway.dispatch(DiscordFrames.slash(id, USER, "oncall", "status"));
        FakeDiscordRest.Call reply = rest.await("ephemeral refusal", c -> callback(c, id));
        assertThat(reply.payload().get("type").getAsInt()).isEqualTo(4);
        assertThat(reply.payload().getAsJsonObject("data").get("flags").getAsInt() & 64).isEqualTo(64);
        handler.assertNoMoreMessages(QUIET);
    }

    @Test
    void autocompleteAnswersWithinThreeSecondsWhileACommandIsStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        handler.answering((m, c) -> {
            try {
                release.await(30, TimeUnit.SECONDS);            // a command waiting on a slurmctld that hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        handler.completing(p -> List.of(p + "001", p + "002"));
        start(settings());
        for (int i = 0; i < 4; i++) {                           // every worker busy
            gateway.dispatch(DiscordFrames.slash(DiscordFrames.newId(), USER, "oncall", "status"));
        }
        long sent = System.nanoTime();
        String id = DiscordFrames.newId();
        gateway.dispatch(DiscordFrames.autocomplete(id, USER, "oncall", "drain node"));
        FakeDiscordRest.Call answer = rest.await("choices", c -> callback(c, id));
        assertThat(Duration.ofNanos(answer.atNanos() - sent)).isLessThan(Duration.ofSeconds(3));
        assertThat(answer.payload().get("type").getAsInt()).isEqualTo(8);      // AUTOCOMPLETE_RESULT
        JsonArray choices = answer.payload().getAsJsonObject("data").getAsJsonArray("choices");
        assertThat(choices).hasSize(2);
        assertThat(choices.get(0).getAsJsonObject().get("value").getAsString()).isEqualTo("drain node001");
        release.countDown();
    }

    @Test
    void aRemovedReactionIsAnUnvoteAddingItAgainIsDeliveredAndAReplayIsNot() {
        start(settings());
        String plan = "200000000000000888";
        String bob = "100000000000000031";
        gateway.dispatch(DiscordFrames.reaction(bob, "bob", plan, "✅"));
        assertThat(handler.nextReaction().removed()).isFalse();
        gateway.dispatch(DiscordFrames.reactionRemoved(bob, plan, "✅"));
        ReactionEvent removed = handler.nextReaction();
        assertThat(removed.removed()).isTrue();
        assertThat(removed.userId()).isEqualTo(bob);
        assertThat(removed.messageId()).isEqualTo(plan);
        assertThat(removed.emoji()).isEqualTo("✅");
        gateway.dispatch(DiscordFrames.reaction(bob, "bob", plan, "✅"));
        ReactionEvent again = handler.nextReaction();
        assertThat(again.removed()).isFalse();
        assertThat(again.eventId()).as("each delivery its own id").isNotEqualTo(removed.eventId());
        gateway.dispatch(DiscordFrames.reaction(bob, "bob", plan, "✅"));        // replayed after a resume: dropped
        gateway.dispatch(DiscordFrames.reaction(bob, "bob", plan, "👍"));        // another emoji: delivered
        assertThat(handler.nextReaction().emoji()).isEqualTo("👍");
        gateway.dispatch(DiscordFrames.reactionRemoved(BOT_ID, plan, "✅"));     // the bot's own: not a vote
        handler.assertNoMoreReactions(QUIET);
    }

    @Test
    void withoutMessageContentTheBotReconnectsAndSlashCommandsAndMentionsStillWork() {
        gateway.refuseMessageContent();
        start(settings());
        assertThat(adapter.readsMessageContent()).isFalse();
        assertThat(gateway.identifiedIntents() & FakeDiscordGateway.MESSAGE_CONTENT).isZero();

        gateway.dispatch(DiscordFrames.message("100000000000000060", CHANNEL, USER, "oncall", "!slurm status"));
        String id = DiscordFrames.newId();
        gateway.dispatch(DiscordFrames.slash(id, USER, "oncall", "status"));
        assertThat(handler.nextMessage().eventId()).isEqualTo("interaction:" + id);
        rest.await("the answer", DiscordSlashCommandTest::original);
        gateway.dispatch(DiscordFrames.message("100000000000000061", CHANNEL, USER, "oncall", "<@" + BOT_ID + "> nodes"));
        assertThat(handler.nextMessage().text()).isEqualTo("!slurm nodes");
        handler.assertNoMoreMessages(QUIET);
    }
}
