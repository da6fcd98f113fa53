package io.slurmops.bot.reliability;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Sits between a chat adapter and the bot and splits each message's handling time three ways: the
 * cluster's (the {@link TimingTransport}'s tally for this thread), the chat platform's (each post,
 * reaction and upload the bot made through the adapter's channel, timed here) and the rest, which is
 * the bot's own pipeline (dedup, parse, authorize, plan, store, audit, render). It also takes the
 * handling thread's CPU time, which the machine's load does not inflate.
 */
final class TimedChatHandler implements ChatHandler {

    /** One handled message: all in nanoseconds; {@code command} as the bot's observer named it. */
    record Timing(String command, long totalNanos, long clusterNanos, long chatNanos, long cpuNanos) {
        long ownNanos() {
            return totalNanos - clusterNanos - chatNanos;
        }
    }

    interface Sink {
        void handled(Timing t);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ChatHandler bot;
    private final TimingTransport cluster;
    private final Sink sink;
    private final ThreadLocal<long[]> chat = ThreadLocal.withInitial(() -> new long[1]);
    private final ThreadLocal<String> command = new ThreadLocal<>();

    TimedChatHandler(ChatHandler bot, TimingTransport cluster, Sink sink) {
        this.bot = bot;
        this.cluster = cluster;
        this.sink = sink;
    }

    /** The bot's command observer calls this (same thread) with the parsed command's name. */
    void named(String name) {
        command.set(name);
    }

    @Override
    public void onMessage(ChatMessage message, ChatChannel channel) {
        command.remove();
        cluster.takeThreadNanos();
        chat.get()[0] = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        bot.onMessage(message, new Timed(channel));
        long total = System.nanoTime() - t0;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        String name = command.get();
        if (name != null) {                     // null: not addressed to the bot, or a redelivery
            sink.handled(new Timing(name, total, cluster.takeThreadNanos(), chat.get()[0], cpu));
        }
    }

    @Override
    public void onReaction(ReactionEvent reaction, ChatChannel channel) {
        bot.onReaction(reaction, channel);
    }

    @Override
    public List<String> complete(String platform, String channelId, String userId, String partial) {
        return bot.complete(platform, channelId, userId, partial);
    }

    /** The adapter's channel, each call timed into this thread's chat tally. */
    private final class Timed implements ChatChannel {
        private final ChatChannel real;

        Timed(ChatChannel real) {
            this.real = real;
        }

        private <T> T timed(java.util.function.Supplier<T> call) {
            long t0 = System.nanoTime();
            try {
                return call.get();
            } finally {
                chat.get()[0] += System.nanoTime() - t0;
            }
        }

        @Override
        public String post(Reply reply) {
            return timed(() -> real.post(reply));
        }

        @Override
        public String postForVote(Reply plan) {
            return timed(() -> real.postForVote(plan));
        }

        @Override
        public String postInThread(String parentMessageId, Reply reply) {
            return timed(() -> real.postInThread(parentMessageId, reply));
        }

        @Override
        public void react(String messageId, String emoji) {
            timed(() -> {
                real.react(messageId, emoji);
                return null;
            });
        }

        @Override
        public void update(String messageId, Reply reply) {
            timed(() -> {
                real.update(messageId, reply);
                return null;
            });
        }
    }
}
