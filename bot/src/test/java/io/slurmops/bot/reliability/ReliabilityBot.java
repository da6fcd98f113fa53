package io.slurmops.bot.reliability;

import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.slurm.Captured;
import io.slurmops.testing.FakeCluster;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A whole bot (real H2 store in a temp dir, real catalog, pipeline and approval desk) over the lab's four
 * nodes at the transport edge: a {@link FakeCluster} that answers {@code scontrol ping}/{@code show config}
 * with output recorded on the lab, so nothing here runs a real sinfo.
 */
final class ReliabilityBot implements AutoCloseable {

    final FakeCluster cluster = FakeCluster.withNodes(4).hook(ReliabilityBot::recorded);
    final MovingClock clock = new MovingClock(Instant.parse("2026-11-25T10:00:00Z"));
    final Application app;
    /** Message ids unique across restarts on one store: a repeated id is a redelivery and is ignored. */
    private final AtomicLong ids = new AtomicLong(System.nanoTime());

    ReliabilityBot(Path dir, String accessYaml, String expiry) throws Exception {
        this(dir, "jdbc:h2:file:" + dir + "/store", accessYaml, expiry);
    }

    /** @param storeUrl where the store lives ({@code dir} still holds the bot's other state) */
    ReliabilityBot(Path dir, String storeUrl, String accessYaml, String expiry) throws Exception {
        String yaml = """
                prefix: "!slurm"
                site:
                  cluster: test
                  controller: ctl
                  serviceManager: [systemctl]
                  nodeServiceManager: [systemctl]
                store:
                  url: "%s"
                %s
                approvals:
                  expiry: %s
                alerts:
                  enabled: false
                """.formatted(storeUrl, accessYaml.strip(), expiry);
        SlurmopsConfig config = new ConfigLoader(Map.of()).parse(yaml, "reliability");
        app = Application.startLongRunning(config, cluster, clock);
    }

    /** The lab's recorded answers where the fake would otherwise make one up. */
    private static Optional<io.slurmops.commands.exec.ExecResult> recorded(HostCommand c) {
        String argv = String.join(" ", c.argv());
        if (c.argv().equals(NodeTargets.SINFO_NAMES)) {         // the fake prints its long form for any sinfo
            return Optional.of(FakeCluster.ok(c, "node001\nnode002\nnode003\nnode004\n"));
        }
        if (argv.equals("scontrol show config")) {
            return Optional.of(FakeCluster.ok(c, Captured.output("show-config.txt")));
        }
        return Optional.empty();
    }

    BotResponse say(String platform, String channelId, String user, String line, ChatChannel ch) {
        String id = "m" + ids.incrementAndGet();
        return app.bot().handle(new ChatMessage(platform, id, channelId, user, user, line, id, clock.instant()), ch);
    }

    /** A slash command as the adapters hand it over: the prefix and the typed arguments, the interaction's id. */
    BotResponse slash(String platform, String channelId, String user, String args, ChatChannel ch) {
        String id = "interaction:" + ids.incrementAndGet();
        return app.bot().handle(new ChatMessage(platform, id, channelId, user, user, "!slurm " + args, id,
                clock.instant()), ch);
    }

    void react(String platform, String channelId, String user, String messageId, String emoji, boolean removed,
               ChatChannel ch) {
        app.bot().onReaction(new ReactionEvent(platform, "r" + ids.incrementAndGet(), channelId, messageId, user, user,
                emoji, clock.instant(), removed), ch);
    }

    @Override
    public void close() {
        app.close();
    }

    /** A channel that keeps what was posted, with platform-like ids. */
    static final class Posts implements ChatChannel {
        record Post(String id, boolean forVote, Reply reply) {
        }

        final List<Post> posts = new ArrayList<>();

        @Override
        public synchronized String post(Reply reply) {
            return add(false, reply);
        }

        @Override
        public synchronized String postForVote(Reply plan) {
            return add(true, plan);
        }

        @Override
        public synchronized String postInThread(String parent, Reply reply) {
            return add(false, reply);
        }

        private String add(boolean vote, Reply r) {
            String id = "p" + System.identityHashCode(this) + "-" + (posts.size() + 1);
            posts.add(new Post(id, vote, r));
            return id;
        }

        synchronized String lastVoteMessage() {
            for (int i = posts.size() - 1; i >= 0; i--) {
                if (posts.get(i).forVote()) {
                    return posts.get(i).id();
                }
            }
            throw new AssertionError("no plan was posted for vote");
        }

        synchronized String text() {
            StringBuilder b = new StringBuilder();
            posts.forEach(p -> b.append(p.reply().toPlainText()).append('\n'));
            return b.toString();
        }

        synchronized void clear() {
            posts.clear();
        }
    }

    /** A clock the test moves (request expiry). */
    static final class MovingClock extends Clock {
        private final AtomicReference<Instant> now;

        MovingClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
