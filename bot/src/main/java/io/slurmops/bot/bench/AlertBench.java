package io.slurmops.bot.bench;

import io.slurmops.bot.config.AlertConfig;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Alert latency on the lab: slurmd is stopped on a node and we time, from the fault, Slurm marking
 * the node not responding and DOWN (what sinfo shows, sampled every 0.2 s: the peer) and the bot
 * posting its alert (node probe polling at {@code --nodes-interval}). Then {@code lab/lab restore}.
 * Lab only: it breaks a node on purpose.
 */
final class AlertBench {

    private final SlurmopsConfig config;
    private final int rounds;
    private final String node;
    private final Duration nodesInterval;
    private final Path lab;

    AlertBench(SlurmopsConfig config, int rounds, String node, Duration nodesInterval, Path labScript) {
        if (!"lab".equals(config.site().clusterName())) {
            throw new IllegalArgumentException("bench alert stops slurmd on a node: lab cluster only (this configuration's "
                    + "cluster is `" + config.site().clusterName() + "`)");
        }
        if (!node.matches("node\\d{3}")) {
            throw new IllegalArgumentException("--node must be one of the lab's real nodes, e.g. node003");
        }
        this.config = config;
        this.rounds = rounds;
        this.node = node;
        this.nodesInterval = nodesInterval;
        this.lab = labScript;
    }

    BenchResult run() throws Exception {
        Samples idleStar = new Samples("not responding");
        Samples down = new Samples("down");
        Samples alert = new Samples("alert");
        for (int r = 0; r < rounds; r++) {
            round(idleStar, down, alert);
            lab("restore");
        }
        BenchResult result = new BenchResult("alert", "Alert latency: slurmd stopped on " + node + " → alert posted",
                String.format(Locale.ROOT, "%d rounds; node probe every %ds (triggers off); Slurm's own view sampled "
                        + "with sinfo every 0.2 s; times from the fault.", rounds, nodesInterval.toSeconds()));
        result.row("Slurm shows the node not responding (`*`)", "sinfo", idleStar);
        result.row("Slurm shows it DOWN", "sinfo", down);
        result.row("slurmops posts the alert", "poll " + nodesInterval.toSeconds() + " s", alert);
        result.ratio("alert / Slurm DOWN", alert, down, "alert ≤ DOWN + 15 s");
        result.note(String.format(Locale.ROOT, "alert − DOWN, median: %+.1f s", alert.median() - down.median()));
        return result;
    }

    private void round(Samples idleStar, Samples down, Samples alert) throws Exception {
        AlertConfig a = config.alerts();
        AlertConfig fast = new AlertConfig(true, a.interval(), nodesInterval, a.recoveryPolls(), a.flapWindow(), false,
                a.triggerSpool(), a.slurmUser(), "");
        SlurmopsConfig c = new SlurmopsConfig(config.source(), config.prefix(), config.site(), config.ssh(),
                config.store(), config.access(), config.approvals(), config.console(), fast, config.accountingDb(),
                config.runbooks(), config.backups(), config.alertmanager());
        TimedChannel channel = new TimedChannel();
        try (Application app = Application.start(c)) {
            app.startAlerts("bench", "alerts", channel);
            Thread.sleep(3000);                                   // first polls settle
            channel.posts.clear();
            long fault = System.nanoTime();
            lab("node-exec", node, "systemctl", "stop", "slurmd");
            long seenStar = -1;
            long seenDown = -1;
            long posted = -1;
            long deadline = fault + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && (seenDown < 0 || posted < 0)) {
                String s = ExternalTool.run(List.of("sinfo", "-h", "-n", node, "-o", "%T"), Map.of()).output().strip();
                long now = System.nanoTime();
                if (seenStar < 0 && s.endsWith("*")) {
                    seenStar = now;
                }
                if (seenDown < 0 && s.startsWith("down")) {
                    seenDown = now;
                }
                if (posted < 0) {
                    posted = channel.firstAbout(node);
                }
                Thread.sleep(200);
            }
            if (seenDown < 0 || posted < 0) {
                throw new IllegalStateException("within 120 s: Slurm " + (seenDown < 0 ? "never showed DOWN" : "showed DOWN")
                        + ", the bot " + (posted < 0 ? "posted no alert" : "alerted"));
            }
            if (seenStar >= 0) {
                idleStar.add((seenStar - fault) / 1e9);
            }
            down.add((seenDown - fault) / 1e9);
            alert.add((posted - fault) / 1e9);
        }
    }

    private void lab(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(lab.toString()));
        argv.addAll(List.of(args));
        ExternalTool.Run r = ExternalTool.run(argv, Map.of());
        if (!r.ok()) {
            throw new IllegalStateException("lab/lab " + String.join(" ", args) + " failed: " + r.output());
        }
    }

    /** Notes when each top-level message was posted. */
    private static final class TimedChannel implements ChatChannel {
        record Post(long nanos, String title) {
        }

        final ConcurrentLinkedQueue<Post> posts = new ConcurrentLinkedQueue<>();

        @Override
        public String post(Reply reply) {
            posts.add(new Post(System.nanoTime(), reply.title()));
            return "m" + posts.size();
        }

        long firstAbout(String node) {
            return posts.stream().filter(p -> p.title().contains(node)).mapToLong(Post::nanos).findFirst().orElse(-1);
        }
    }
}
