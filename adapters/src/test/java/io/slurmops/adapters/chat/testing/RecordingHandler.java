package io.slurmops.adapters.chat.testing;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Stands in for the bot: records what adapters deliver and answers every command with a fixed reply. */
public final class RecordingHandler implements ChatHandler {

    public static final Reply FIXED = Reply.builder("Cluster hpc1: all nodes up").paragraph("3 idle, 1 mixed").build();
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<ChatMessage> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<ReactionEvent> reactions = new LinkedBlockingQueue<>();
    private volatile BiConsumer<ChatMessage, ChatChannel> answer = (m, c) -> c.post(FIXED);
    private volatile BiConsumer<ReactionEvent, ChatChannel> onVote = (r, c) -> { };
    private volatile java.util.function.Function<String, java.util.List<String>> completions = p -> java.util.List.of();

    /** What to do with each command (default: post {@link #FIXED}). */
    public RecordingHandler answering(BiConsumer<ChatMessage, ChatChannel> answer) {
        this.answer = answer;
        return this;
    }

    public RecordingHandler onVote(BiConsumer<ReactionEvent, ChatChannel> onVote) {
        this.onVote = onVote;
        return this;
    }

    /** What autocomplete answers for a partial line. */
    public RecordingHandler completing(java.util.function.Function<String, java.util.List<String>> completions) {
        this.completions = completions;
        return this;
    }

    @Override
    public java.util.List<String> complete(String platform, String channelId, String userId, String partial) {
        return completions.apply(partial);
    }

    @Override
    public void onMessage(ChatMessage message, ChatChannel channel) {
        answer.accept(message, channel);
        messages.add(message);
    }

    @Override
    public void onReaction(ReactionEvent reaction, ChatChannel channel) {
        onVote.accept(reaction, channel);
        reactions.add(reaction);
    }

    public ChatMessage nextMessage() {
        return poll(messages, "a command");
    }

    public ReactionEvent nextReaction() {
        return poll(reactions, "a reaction");
    }

    /** Nothing more arrives within {@code d}; used after a later event proved the pipeline is moving. */
    public void assertNoMoreMessages(Duration d) {
        try {
            assertThat(messages.poll(d.toMillis(), TimeUnit.MILLISECONDS)).as("unexpected command").isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public void assertNoMoreReactions(Duration d) {
        try {
            assertThat(reactions.poll(d.toMillis(), TimeUnit.MILLISECONDS)).as("unexpected reaction").isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T poll(BlockingQueue<T> q, String what) {
        try {
            T t = q.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " reached the handler within " + WAIT.toSeconds() + " s");
            }
            return t;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
