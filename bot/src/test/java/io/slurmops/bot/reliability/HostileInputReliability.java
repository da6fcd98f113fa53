package io.slurmops.bot.reliability;

import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanCodec;
import io.slurmops.commands.plan.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 item 2: 100 000 seeded chat lines through the real pipeline (parse, authorize, plan) with the
 * real catalog and store, against a recorded cluster transport. Checks: no unexpected failure, every
 * rejection one clear line, and every argv a plan would run or a read command ran within the allow-list.
 * The lines run in parallel shards ({@code -Dreliability.shards}, default the cores, at least 2), each with
 * its own bot, in-memory store and seed ({@code SEED + shard}); {@code -Dreliability.lines} sets the total.
 */
class HostileInputReliability {

    static final long SEED = 18_2026L;
    static final int LINES = Integer.getInteger("reliability.lines", 100_000);

    private static final String ACCESS = """
            access:
              users: {"console:root": admin, "slack:U0ADMIN": admin, "discord:42": admin, "console:viewer": viewer}
            """;
    /** Where a command may run: the controller, the bot's host and the nodes that exist. */
    private static final Set<String> HOSTS = Set.of("ctl", HostCommand.LOCAL, "node001", "node002", "node003", "node004");
    /** The programs the grammar's commands run. */
    private static final Set<String> PROGRAMS = Set.of("sinfo", "squeue", "scontrol", "sacct", "sacctmgr", "sdiag",
            "sshare", "sprio", "systemctl", "journalctl", "env", "munge", "unmunge", "chronyc", "nvidia-smi", "true",
            "sha256sum", "base64", "find", "cp", "mkdir", "install", "mysql", "mariadb", "slurmd", "df", "free",
            "uptime", "ls", "cat", "tail", "grep", "stat", "date", "id", "hostname", "timeout", "systemd-run", "nc", "md5sum", "rm");
    /** Shell metacharacters and quoting: none may reach argv outside free text the grammar allows. */
    private static final Pattern META = Pattern.compile("[`$;&|<>(){}\\\\\"'*?!~#\\s]");
    /** argv words whose value is the free text (a reason) a command declares; quoting in them is harmless. */
    private static final Pattern FREE_TEXT = Pattern.compile("(?i)(Reason|Comment)=.*");
    /** sinfo/squeue output formats: fixed by the commands, never typed. */
    private static final Pattern FORMAT = Pattern.compile("[%A-Za-z0-9.|:,_ -]*%[A-Za-z][%A-Za-z0-9.|:,_ -]*");
    private static final Pattern NODE_WORD = Pattern.compile("(?:NodeName=)?(node[0-9\\[].*)");

    /** Shards run in parallel, each its own bot, store and seed: the lines are independent of each other. */
    static final int SHARDS = Integer.getInteger("reliability.shards",
            Math.max(2, Runtime.getRuntime().availableProcessors()));

    @TempDir
    Path dir;

    /** What one shard saw; merged into the report. */
    private static final class Tally {
        final Map<HostileLines.Kind, Integer> lines = new TreeMap<>();
        final Map<Outcome, Integer> outcomes = new TreeMap<>();
        final Map<String, Integer> rejections = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        final Set<String> argvSeen = new TreeSet<>();
        int plans;
        int commandsRun;

        void add(Tally o) {
            o.lines.forEach((k, v) -> lines.merge(k, v, Integer::sum));
            o.outcomes.forEach((k, v) -> outcomes.merge(k, v, Integer::sum));
            o.rejections.forEach((k, v) -> rejections.merge(k, v, Integer::sum));
            problems.addAll(o.problems);
            argvSeen.addAll(o.argvSeen);
            plans += o.plans;
            commandsRun += o.commandsRun;
        }
    }

    @Test
    void seededHostileLinesLeaveNoCrashNoUnclearRejectionAndNoForeignArgv() throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(SHARDS);
        List<Future<Tally>> shards = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            int shard = s;
            int lines = LINES / SHARDS + (s < LINES % SHARDS ? 1 : 0);
            shards.add(pool.submit(() -> shard(shard, lines)));
        }
        Tally all = new Tally();
        try {
            for (Future<Tally> f : shards) {
                all.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        String report = String.format("hostile input: %d lines (seed %d + shard, %d shards) in %d ms = %.0f lines/s; "
                        + "by kind %s%n", LINES, SEED, SHARDS, ms, LINES * 1000.0 / Math.max(1, ms), all.lines)
                + String.format("hostile input: outcomes %s; plans checked %d; commands run %d; distinct argv words %d%n",
                all.outcomes, all.plans, all.commandsRun, all.argvSeen.size())
                + String.format("hostile input: rejections by kind %s%n", all.rejections)
                + String.format("hostile input: problems %d; loadavg %s%n", all.problems.size(),
                Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.print(report);
        Files.createDirectories(Path.of("target/reliability"));
        Files.writeString(Path.of("target/reliability/hostile-input.txt"), report);
        assertTrue(all.problems.isEmpty(), all.problems.size() + " problems, first: " + all.problems.subList(0,
                Math.min(20, all.problems.size())));
        assertEquals(LINES, all.lines.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** One shard: its own bot (an in-memory H2 store: the lines test parse and plan, not the disk). */
    private Tally shard(int shard, int count) throws Exception {
        Tally t = new Tally();
        String store = "jdbc:h2:mem:hostile" + shard + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (ReliabilityBot bot = new ReliabilityBot(dir.resolve("shard" + shard), store, ACCESS, "15m")) {
            HostileLines gen = new HostileLines(SEED + shard, bot.app.bot().catalog());
            ReliabilityBot.Posts channel = new ReliabilityBot.Posts();
            for (int i = 0; i < count; i++) {
                HostileLines.Line line = gen.next();
                int n = i;
                java.util.function.Supplier<String> where = () -> "shard " + shard + " line " + n + " ["
                        + clip(line.text()) + "]";      // built only for a problem: clipping 100 kB lines costs
                t.lines.merge(line.kind(), 1, Integer::sum);
                String[] who = i % 10 == 9 ? new String[]{"console", "viewer"}
                        : new String[][]{{"console", "root"}, {"slack", "U0ADMIN"}, {"discord", "42"}}[i % 3];
                BotResponse r = i % 7 == 0 ? bot.slash(who[0], "incident", who[1], line.text().substring(7), channel)
                        : bot.say(who[0], "incident", who[1], line.text(), channel);
                t.outcomes.merge(r.outcome(), 1, Integer::sum);
                String title = r.reply() == null ? "" : r.reply().title();
                if (title.contains("failed unexpectedly")) {
                    t.problems.add("unexpected failure on " + where.get() + ": " + clip(title));
                }
                if (r.outcome() == Outcome.USAGE || r.outcome() == Outcome.REFUSED) {
                    String unclear = unclear(title);
                    if (unclear != null) {
                        t.problems.add("rejection of " + where.get() + " " + unclear + ": " + clip(title));
                    }
                    t.rejections.merge(kindOf(r.outcome(), title), 1, Integer::sum);
                }
                RequestRecord req = r.requestId() <= 0 ? null
                        : bot.app.approvals().store().transaction(tx -> tx.request(r.requestId())).orElseThrow();
                if (req != null && req.planText() != null) {       // a request refused before planning has none
                    t.plans++;
                    Plan plan = PlanCodec.decode(req.planText());
                    for (Step s : plan.steps()) {
                        checkCommand(s.hosts(), s.argv(), "plan of " + where.get(), t.problems, t.argvSeen);
                    }
                }
                channel.clear();
            }
            for (HostCommand c : bot.cluster.ran()) {
                checkCommand(List.of(c.host()), c.argv(), "read command", t.problems, t.argvSeen);
            }
            t.commandsRun = bot.cluster.ran().size();
        }
        return t;
    }

    /** Null when the rejection is one clear line; else what is wrong with it. */
    static String unclear(String title) {
        if (title.isBlank()) {
            return "is empty";
        }
        if (title.contains("\n") || title.contains("\r")) {
            return "spans several lines";
        }
        if (title.codePoints().anyMatch(HostileInputReliability::invisible)) {
            return "carries control or invisible characters";
        }
        if (title.length() > 400) {
            return "is " + title.length() + " characters long";
        }
        if (title.split("\\s+").length < 3) {
            return "does not say what is wrong";
        }
        return null;
    }

    static boolean invisible(int c) {
        int t = Character.getType(c);
        return Character.isISOControl(c) || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR || t == Character.UNASSIGNED;
    }

    /** A rejection's kind: its first words with quoted parts left out. */
    private static String kindOf(Outcome o, String title) {
        String plain = title.replaceAll("`[^`]*`", "…").replaceAll("\\d+", "N");
        String[] w = plain.split("\\s+");
        return o.name().toLowerCase() + ": " + String.join(" ", List.of(w).subList(0, Math.min(4, w.length)));
    }

    private static void checkCommand(List<String> hosts, List<String> argv, String where, List<String> problems,
                                     Set<String> seen) {
        for (String h : hosts) {
            if (!HOSTS.contains(h)) {
                problems.add(where + ": runs on unknown host [" + clip(h) + "]");
            }
        }
        if (argv.isEmpty() || !PROGRAMS.contains(argv.get(0))) {
            problems.add(where + ": runs a program outside the grammar: " + clip(String.valueOf(argv)));
            return;
        }
        for (String a : argv) {
            seen.add(a);
            String bad = argvProblem(a);
            if (bad != null) {
                problems.add(where + ": argv word [" + clip(a) + "] " + bad + " in " + clip(String.valueOf(argv)));
            }
        }
    }

    /** Null when the grammar allows this argv word. */
    static String argvProblem(String a) {
        if (a.length() > 4096) {
            return "is " + a.length() + " characters long";
        }
        if (a.codePoints().anyMatch(HostileInputReliability::invisible)) {
            return "carries control or invisible characters";
        }
        if (a.equals(Step.HOSTS)) {
            return null;
        }
        var node = NODE_WORD.matcher(a);
        if (node.matches()) {
            try {
                Hostlist h = Hostlist.parse(node.group(1));
                return HOSTS.containsAll(h.hosts()) ? null : "names nodes that do not exist";
            } catch (IllegalArgumentException e) {
                return "is not a host list";
            }
        }
        if (FREE_TEXT.matcher(a).matches() || FORMAT.matcher(a).matches() || a.equals("%s %P\\n")
                || a.equals("%s %P\n")) {                 // find -printf: the state-file listing's fixed format
            return null;
        }
        return META.matcher(a).find() ? "carries shell metacharacters" : null;
    }

    private static String clip(String s) {
        String one = s.codePoints().map(c -> invisible(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return one.length() > 160 ? one.substring(0, 160) + "…(" + one.length() + ")" : one;
    }
}
