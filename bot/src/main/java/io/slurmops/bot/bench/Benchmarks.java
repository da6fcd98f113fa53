package io.slurmops.bot.bench;

import io.slurmops.bot.config.SlurmopsConfig;

import java.nio.file.Path;

/** Entry points of {@code slurmops bench …}: run one benchmark, print it, optionally regenerate its Markdown. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static int fanout(int targets, int runs, int fanout, int pdshFanout, int poolBound, String user, int port,
                             Path key, Path knownHosts, Path markdown) throws Exception {
        return report(new FanoutBench(new FanoutBench.Options(targets, runs, fanout, pdshFanout, poolBound, user, port,
                key, knownHosts)).run(), markdown);
    }

    public static int status(SlurmopsConfig config, int runs, int showExtra, java.util.List<String> commands,
                             Path markdown) throws Exception {
        return report(new StatusBench(config, runs, showExtra, commands).run(), markdown);
    }

    public static int alert(SlurmopsConfig config, int rounds, String node, java.time.Duration nodesInterval,
                            Path labScript, Path markdown) throws Exception {
        return report(new AlertBench(config, rounds, node, nodesInterval, labScript).run(), markdown);
    }

    public static int hostlist(int names, int runs, Path markdown) throws Exception {
        return report(new HostlistBench(names, runs).run(), markdown);
    }

    private static int report(BenchResult result, Path markdown) throws Exception {
        System.out.print(result.text());
        if (markdown != null) {
            MarkdownBlocks.write(markdown, result.id(), result.markdown());
            System.out.println("  regenerated block bench:" + result.id() + " in " + markdown);
        }
        return 0;
    }
}
