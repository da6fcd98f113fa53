package io.slurmops.bot.bench;

import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code status}, {@code nodes} and {@code health} through the whole chat pipeline (parse, roles, audit,
 * the Slurm calls, the reply), timed against what an admin types instead — {@code sinfo} and
 * {@code squeue} — in the same run. With {@code --show-extra N} the scale lab's extra nodes
 * sim[00001-N] are set DOWN first (so Slurm reports them) and put back to FUTURE after.
 */
final class StatusBench {

    private final SlurmopsConfig config;
    private final int runs;
    private final int showExtra;
    private final List<String> commands;

    StatusBench(SlurmopsConfig config, int runs, int showExtra, List<String> commands) {
        for (String c : commands) {
            if (!List.of("status", "nodes", "health").contains(c)) {
                throw new IllegalArgumentException("--commands takes status, nodes and health (got `" + c + "`)");
            }
        }
        this.config = config;
        this.runs = runs;
        this.showExtra = showExtra;
        this.commands = List.copyOf(commands);
    }

    BenchResult run() throws Exception {
        ExtraNodes extra = new ExtraNodes(config, showExtra);
        extra.show();
        try (Application app = Application.start(config)) {
            int nodes = nodeCount();
            BenchResult result = new BenchResult("status-" + nodes, "Read commands on " + nodes + " nodes",
                    String.format(Locale.ROOT, "The bot in-process (`%s`, console user, full pipeline with audit) vs the "
                            + "Slurm clients an admin runs, %d runs each after one warm-up, interleaved.",
                            java.nio.file.Path.of(config.source()).getFileName(), runs));
            Samples sinfo = new Samples("sinfo");
            Samples squeue = new Samples("squeue");
            Samples both = new Samples("sinfo + squeue");
            Map<String, Samples> bot = new java.util.LinkedHashMap<>();
            for (String cmd : commands) {
                bot.put(cmd, new Samples(cmd));
                ask(app, cmd);                                      // warm-up: JIT, pooled connections
            }
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, Samples> e : bot.entrySet()) {
                    e.getValue().time(() -> ask(app, e.getKey()));
                }
                long start = System.nanoTime();
                ExternalTool.timed(sinfo, List.of("sinfo"), Map.of());
                ExternalTool.timed(squeue, List.of("squeue"), Map.of());
                both.add((System.nanoTime() - start) / 1e9);
            }
            for (Map.Entry<String, Samples> e : bot.entrySet()) {
                result.row("`" + config.prefix() + " " + e.getKey() + "`", nodes + " nodes", e.getValue());
            }
            result.row("`sinfo`", nodes + " nodes", sinfo);
            result.row("`squeue`", "", squeue);
            result.row("`sinfo` then `squeue`", nodes + " nodes", both);
            for (Map.Entry<String, Samples> e : bot.entrySet()) {
                result.ratio(e.getKey() + " / (sinfo + squeue)", e.getValue(), both, "");
            }
            if (bot.containsKey("status")) {
                result.note(String.format(Locale.ROOT, "status median %s (target: under 1 s at 1 004 nodes)",
                        Samples.format(bot.get("status").median())));
            }
            return result;
        } finally {
            extra.hide();
        }
    }

    private Reply ask(Application app, String command) {
        String id = "bench-" + UUID.randomUUID();
        String user = config.console().defaultUser();
        ChatMessage m = new ChatMessage("cli", id, config.console().channel(), user, user,
                config.prefix() + " " + command, id, Instant.now());
        BotResponse r = app.bot().handle(m, Discard.INSTANCE);
        // FAILED is a report too ("7 of 9 checks need attention" with thousands of nodes down): it was timed
        if (r.outcome() != Outcome.DONE && r.outcome() != Outcome.FAILED) {
            throw new IllegalStateException(command + " ended " + r.outcome() + ": "
                    + (r.reply() == null ? "" : r.reply().title()));
        }
        return r.reply();
    }

    private static int nodeCount() throws Exception {
        ExternalTool.Run r = ExternalTool.run(List.of("sinfo", "-h", "-o", "%D"), Map.of());
        return r.output().lines().filter(l -> l.strip().matches("\\d+")).mapToInt(l -> Integer.parseInt(l.strip())).sum();
    }

    /** Replies are dropped: the terminal would only slow the loop that is being measured. */
    private enum Discard implements ChatChannel {
        INSTANCE;

        @Override
        public String post(Reply reply) {
            return "bench";
        }
    }
}
