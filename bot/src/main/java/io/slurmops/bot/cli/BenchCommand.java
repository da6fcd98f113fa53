package io.slurmops.bot.cli;

import io.slurmops.bot.bench.Benchmarks;
import io.slurmops.bot.config.SlurmopsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** One-line benchmarks against the lab, each with the peer tool measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks on the lab with ratios against the matching tool measured in the same run.",
                "Prints a table; --markdown FILE also regenerates that benchmark's block in FILE (BENCHMARKS.md)."},
        subcommands = {BenchCommand.Fanout.class, BenchCommand.Status.class, BenchCommand.HostlistFold.class,
                BenchCommand.Alert.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("usage: slurmops bench fanout|status|hostlist|alert [options]   (see --help)");
    }

    /** Options every benchmark takes. */
    static final class Common {
        @Option(names = "--runs", defaultValue = "5", description = "Timed runs of each tool (default ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--markdown", paramLabel = "FILE", description = "Also regenerate this benchmark's block in FILE")
        Path markdown;
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true,
            description = "`true` on N loopback SSH targets (lab/lab targets up N): cold, warm, vs pdsh; memory.")
    static final class Fanout implements Callable<Integer> {
        @Mixin
        Common common;
        @Option(names = "--targets", defaultValue = "1000") int targets;
        @Option(names = "--fanout", defaultValue = "64", description = "slurmops fan-out (site.fanout)") int fanout;
        @Option(names = "--pdsh-fanout", defaultValue = "32", description = "pdsh -f (its default: 32)") int pdshFanout;
        @Option(names = "--pool-bound", defaultValue = "256", description = "ssh.maxPooledConnections for the bounded run")
        int poolBound;
        @Option(names = "--user", defaultValue = "labops") String user;
        @Option(names = "--port", defaultValue = "2222") int port;
        @Option(names = "--key", defaultValue = "/var/lib/slurmlab/ssh/id_ed25519") Path key;
        @Option(names = "--known-hosts", defaultValue = "/var/lib/slurmlab/ssh/known_hosts") Path knownHosts;

        @Override
        public Integer call() throws Exception {
            return Benchmarks.fanout(targets, common.runs, fanout, pdshFanout, poolBound, user, port, key, knownHosts,
                    common.markdown);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "status, nodes and health through the bot vs sinfo + squeue.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ConfigOption configOption;
        @Mixin
        Common common;
        @Option(names = "--show-extra", defaultValue = "0", paramLabel = "N",
                description = "Lab only: set the scale lab's sim[00001-N] DOWN for the run (FUTURE again after)")
        int showExtra;
        @Option(names = "--commands", split = ",", defaultValue = "status,nodes,health",
                description = "Bot commands to time (default ${DEFAULT-VALUE})")
        java.util.List<String> commands;

        @Override
        public Integer call() throws Exception {
            SlurmopsConfig config = configOption.loadOrReport().orElse(null);
            if (config == null) {
                return ConfigOption.BAD_CONFIG;
            }
            return Benchmarks.status(config, common.runs, showExtra, commands, common.markdown);
        }
    }

    @Command(name = "alert", mixinStandardHelpOptions = true,
            description = "Lab only: stop slurmd on a node, time Slurm's DOWN and the bot's alert; lab/lab restore after.")
    static final class Alert implements Callable<Integer> {
        @Mixin
        ConfigOption configOption;
        @Option(names = "--markdown", paramLabel = "FILE") Path markdown;
        @Option(names = "--rounds", defaultValue = "3") int rounds;
        @Option(names = "--node", defaultValue = "node003") String node;
        @Option(names = "--nodes-interval", defaultValue = "10", description = "node probe interval, seconds") int interval;

        @Override
        public Integer call() throws Exception {
            SlurmopsConfig config = configOption.loadOrReport().orElse(null);
            if (config == null) {
                return ConfigOption.BAD_CONFIG;
            }
            Path home = Path.of(System.getProperty("slurmops.home", "."));
            return Benchmarks.alert(config, rounds, node, java.time.Duration.ofSeconds(interval),
                    home.resolve("lab/lab"), markdown);
        }
    }

    @Command(name = "hostlist", mixinStandardHelpOptions = true,
            description = "Fold N node names: slurmops vs scontrol show hostlist.")
    static final class HostlistFold implements Callable<Integer> {
        @Mixin
        Common common;
        @Option(names = "--names", defaultValue = "10000") int names;

        @Override
        public Integer call() throws Exception {
            return Benchmarks.hostlist(names, common.runs, common.markdown);
        }
    }
}
