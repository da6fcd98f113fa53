package io.slurmops.adapters.chat.slack;

import com.google.gson.JsonObject;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.testing.RecordingHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Set;

import static io.slurmops.adapters.chat.slack.FakeSlackWebApi.APP_TOKEN;
import static io.slurmops.adapters.chat.slack.FakeSlackWebApi.BOT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** "/slurm …" and reaction_removed through the real slack-api-client against the local Slack fakes. */
@Timeout(60)
class SlackSlashCommandTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    private FakeSocketMode socket;
    private FakeSlackWebApi web;
    private final RecordingHandler handler = new RecordingHandler();
    private SlackAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        socket = new FakeSocketMode();
        socket.startAndWait();
        web = new FakeSlackWebApi(socket::url);
        adapter = new SlackAdapter(new SlackSettings(BOT_TOKEN, APP_TOKEN, web.apiUrl(), Set.of("C111"),
                OutsideChannels.IGNORE, false), "!slurm", handler);
        adapter.start();
        socket.awaitConnections(1);
    }

    @AfterEach
    void stop() {
        adapter.close();
        web.close();
        socket.shutdown();
    }

    @Test
    void aSlashCommandIsAckedPostedInTheChannelAndAnsweredInTheThreadUnderIt() throws Exception {
        long sent = System.nanoTime();
        socket.sendFrame(SlackFrames.slash("envSlash1", "U222", "oncall", "C111", "status", "trig-1"));
        assertThat(socket.nextAck()).isEqualTo("envSlash1");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(3));
        assertThat(socket.ackFrames().get(0).has("payload")).as("a plain ack: the answer is posted").isFalse();

        FakeSlackWebApi.Call anchor = web.await("chat.postMessage", c -> c.get("text").contains("/slurm status"));
        assertThat(anchor.get("channel")).isEqualTo("C111");
        assertThat(anchor.get("thread_ts")).as("top level, in the channel").isNull();
        assertThat(anchor.get("text")).contains("Name of U222");

        ChatMessage m = handler.nextMessage();
        assertThat(m.text()).isEqualTo("!slurm status");            // the same line as typed with the prefix
        assertThat(m.userId()).isEqualTo("U222");
        assertThat(m.channelId()).isEqualTo("C111");
        assertThat(m.eventId()).isEqualTo("slash:trig-1");
        FakeSlackWebApi.Call answer = web.await("chat.postMessage", c -> c.get("text").contains("Cluster hpc1"));
        assertThat(answer.get("thread_ts")).as("the answer is in the thread under the post").isEqualTo(m.messageId());
        web.await("reactions.add", c -> "white_check_mark".equals(c.get("name")) && m.messageId().equals(c.get("timestamp")));

        // The same envelope again (Slack retries what it thinks was not acked): acked, run once.
        socket.sendFrame(SlackFrames.slash("envSlash1-retry", "U222", "oncall", "C111", "status", "trig-1"));
        assertThat(socket.nextAck()).isEqualTo("envSlash1-retry");
        handler.assertNoMoreMessages(QUIET);
    }

    @Test
    void aSlashCommandWhereCommandsAreNotTakenIsAnsweredOnlyToTheInvoker() throws Exception {
        socket.sendFrame(SlackFrames.slash("envSlash2", "U222", "oncall", "C999", "drain node001 x", "trig-2"));
        assertThat(socket.nextAck()).isEqualTo("envSlash2");
        JsonObject ack = socket.ackFrames().get(0);
        assertThat(ack.getAsJsonObject("payload").get("text").getAsString()).contains("allowedChannels");
        handler.assertNoMoreMessages(QUIET);
        assertThat(web.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void aRemovedReactionArrivesAsAnUnvote() throws Exception {
        socket.sendFrame(SlackFrames.reaction("EvAdd", "U333", "white_check_mark", "C111", "1700000000.000001"));
        ReactionEvent add = handler.nextReaction();
        socket.sendFrame(SlackFrames.reactionRemoved("EvRemove", "U333", "white_check_mark", "C111", "1700000000.000001"));
        ReactionEvent remove = handler.nextReaction();
        String again = SlackFrames.reaction("EvAddAgain", "U333", "white_check_mark", "C111", "1700000000.000001");
        socket.sendFrame(again);
        ReactionEvent addAgain = handler.nextReaction();
        socket.sendFrame(SlackFrames.redelivered(again, 1));        // the same event again: delivered once
        assertThat(add.removed()).isFalse();
        assertThat(remove.removed()).isTrue();
        assertThat(remove.userId()).isEqualTo("U333");
        assertThat(remove.messageId()).isEqualTo("1700000000.000001");
        assertThat(remove.emoji()).isEqualTo("white_check_mark");
        assertThat(addAgain.removed()).isFalse();
        assertThat(addAgain.eventId()).isEqualTo("EvAddAgain");
        handler.assertNoMoreReactions(QUIET);
    }
}
