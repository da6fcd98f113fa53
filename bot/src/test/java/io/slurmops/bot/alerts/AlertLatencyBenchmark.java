package io.slurmops.bot.alerts;

import io.slurmops.bot.config.AlertConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;
import io.slurmops.testing.LabCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Alert latency on the real lab: slurmd is stopped on a node, and we measure from the fault to
 * (a) Slurm marking the node not responding / down and (b) the alert being posted — once with
 * polling only, once with Slurm triggers only (polling set to 10 min). A benchmark, not a test:
 *
 * <pre>
 * mvn -B -q -o -pl commands,adapters,bot test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp bot/target/test-classes:bot/target/classes:commands/target/test-classes:$(cat bot/target/cp.txt) \
 *     io.slurmops.bot.alerts.AlertLatencyBenchmark [ROUNDS] [NODE]
 * </pre>
 */
public final class AlertLatencyBenchmark {

    /** A channel that notes when each message was posted. */
    static final class TimedChannel implements ChatChannel {
        record Post(long nanos, Reply reply) {
        }

        final ConcurrentLinkedQueue<Post> posts = new ConcurrentLinkedQueue<>();

        @Override
        public String post(Reply reply) {
            posts.add(new Post(System.nanoTime(), reply));
            return "m" + posts.size();
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String node = args.length > 1 ? args[1] : "node003";
        LabCluster.ensureUp();
        System.out.println(String.format("%-9s %-5s %12s %12s %12s %s", "mode", "round", "slurm-idle*", "slurm-down",
                "alert", "alert-after-down"));
        System.out.flush();
        for (String mode : List.of("polling", "triggers")) {
            for (int r = 1; r <= rounds; r++) {
                System.out.println(round(mode, r, node));
                System.out.flush();
                LabCluster.restore();
            }
        }
    }

    private static String round(String mode, int round, String node) throws Exception {
        Path state = Files.createTempDirectory("alert-bench");
        // slurmctld runs the trigger program as SlurmUser: it must be able to reach it.
        Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        SlurmopsConfig base = new ConfigLoader(Map.of("SLURMOPS_STATE", state.toString()))
                .load(LabCluster.repoRoot().resolve("config/lab.yaml"));
        boolean triggers = mode.equals("triggers");
        AlertConfig a = base.alerts();
        AlertConfig alerts = new AlertConfig(true, a.interval(),
                triggers ? Duration.ofMinutes(10) : Duration.ofSeconds(10), a.recoveryPolls(), a.flapWindow(),
                triggers, state.resolve("triggers").toString(), a.slurmUser());
        SlurmopsConfig config = new SlurmopsConfig(base.source(), base.prefix(), base.site(), base.ssh(), base.store(),
                base.access(), base.approvals(), base.console(), alerts);
        TimedChannel channel = new TimedChannel();
        try (Application app = Application.start(config)) {
            app.startAlerts("test", "alerts", channel);
            Thread.sleep(3000); // first polls and trigger registration settle
            channel.posts.clear();
            long fault = System.nanoTime();
            LabCluster.onNode(node, "systemctl", "stop", "slurmd");
            long notResponding = -1;
            long down = -1;
            long alert = -1;
            long deadline = fault + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && (down < 0 || alert < 0)) {
                String s = LabCluster.exec(List.of("sinfo", "-h", "-n", node, "-o", "%T"), 10).output().strip();
                long now = System.nanoTime();
                if (notResponding < 0 && s.endsWith("*")) {
                    notResponding = now;
                }
                if (down < 0 && s.startsWith("down")) {
                    down = now;
                }
                if (alert < 0) {
                    alert = channel.posts.stream().filter(p -> p.reply().title().contains(node))
                            .mapToLong(TimedChannel.Post::nanos).findFirst().orElse(-1);
                }
                Thread.sleep(200);
            }
            return String.format("%-9s %-5d %12s %12s %12s %s", mode, round, secs(fault, notResponding),
                    secs(fault, down), secs(fault, alert), down < 0 || alert < 0 ? "-"
                            : String.format("%+.1fs", (alert - down) / 1e9));
        } finally {
            if (triggers) {
                clearTriggers(state);
            }
        }
    }

    /** Triggers are cluster-wide state: remove the ones this round registered. */
    private static void clearTriggers(Path state) throws Exception {
        String out = LabCluster.exec(List.of("runuser", "-u", "slurm", "--", "strigger", "--get"), 10).output();
        for (String line : out.split("\n")) {
            if (line.contains(state.toString())) {
                String id = line.strip().split("\\s+")[0];
                LabCluster.exec(List.of("runuser", "-u", "slurm", "--", "strigger", "--clear", "--id=" + id), 10);
            }
        }
    }

    private static String secs(long from, long to) {
        return to < 0 ? "-" : String.format("%.1fs", (to - from) / 1e9);
    }

    private AlertLatencyBenchmark() {
    }
}
