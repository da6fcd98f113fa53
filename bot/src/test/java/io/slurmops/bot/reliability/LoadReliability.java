package io.slurmops.bot.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.chat.slack.SlackSettings;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.bot.wiring.ChatAdapters;
import io.slurmops.bot.wiring.Transports;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 5: 50 simulated Slack users (40 operators, 10 approvers) send a seeded mix of help,
 * status, nodes, drain (which opens an approval) and deny votes, 50 lines a second for 60 s, through
 * the Slack wire path (Socket Mode frames in, Web API posts out, both the local fakes) into the real
 * bot against the lab. Nothing is approved, so the lab is never changed.
 *
 * <p>The bot's own overhead per command = the time {@code Bot.handle} took minus the time the handling
 * thread spent in cluster calls ({@link TimingTransport}) and in calls to the Slack Web API through the
 * adapter's channel ({@link TimedChatHandler}): dedup, parse, authorize, plan, store and audit, render.
 * The handling thread's CPU time is reported too (the machine's load does not inflate it), and the
 * end-to-end time on the wire (frame sent → first reply received by the fake: Slurm and queueing included).
 */
@LabTest
@Timeout(300)
class LoadReliability {

    private static final int USERS = 50;
    private static final int OPERATORS = 40;
    private static final int RATE = 50;                      // lines per second, all users together
    private static final int SECONDS = Integer.getInteger("slurmops.load.seconds", 60);
    private static final String CHANNEL = "C111";
    private static final Pattern NEEDS = Pattern.compile("#(\\d+) needs");

    @TempDir
    Path state;

    private record Sent(String ts, String kind, long atNanos) {
    }

    @Test
    void fiftyUsersAtFiftyCommandsASecond() throws Exception {
        FakeSocketMode socket = new FakeSocketMode();
        socket.startAndWait();
        FakeSlackWebApi web = new FakeSlackWebApi(socket::url);
        for (int i = 0; i < USERS; i++) {
            web.displayName(user(i), "user" + i);
        }
        SlurmopsConfig config = config();
        TimingTransport transport = new TimingTransport(Transports.fromConfig(config));
        ChatConfig chat = new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN,
                FakeSlackWebApi.APP_TOKEN, web.apiUrl(), Set.of(CHANNEL), OutsideChannels.IGNORE, false)), Optional.empty());
        List<TimedChatHandler.Timing> timings = Collections.synchronizedList(new ArrayList<>());
        List<Sent> sent = new ArrayList<>();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long heapBefore;
        int threadsBefore;
        long[] counts;
        long servedFrom;
        long servedUntil;
        try (Application app = Application.startLongRunning(config, transport, Clock.systemDefaultZone());
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(),
                     timed(app, transport, timings))) {
            socket.awaitConnections(1);
            // Warm-up (JIT, connection pools), not counted.
            for (int i = 0; i < 20; i++) {
                String ts = "1700000000.%06d".formatted(i);
                socket.sendFrame(SlackFrames.message("Warm" + i, CHANNEL, user(i), i % 2 == 0 ? "!slurm help" : "!slurm nodes", ts));
                web.await("chat.postMessage", c -> ts.equals(c.get("thread_ts")));
            }
            timings.clear();
            heapBefore = usedHeapAfterGc();
            threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            ManagementFactory.getThreadMXBean().resetPeakThreadCount();
            HeapWatch heapWatch = HeapWatch.start();
            int postsBefore = web.calls("chat.postMessage").size();

            counts = drive(socket, web, sent);

            // Every line answered (bounded wait), then the figures.
            Set<String> answered = ConcurrentHashMap.newKeySet();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                answered.clear();
                web.calls("chat.postMessage").forEach(c -> answered.add(String.valueOf(c.get("thread_ts"))));
                if (sent.stream().allMatch(s -> answered.contains(s.ts()))) {
                    break;
                }
                Thread.sleep(200);
            }
            List<FakeSlackWebApi.Call> posts = web.calls("chat.postMessage");
            Map<String, Long> firstReply = new TreeMap<>();
            Map<String, Integer> repliesPerTs = new TreeMap<>();
            for (FakeSlackWebApi.Call c : posts.subList(postsBefore, posts.size())) {
                String ts = c.get("thread_ts");
                firstReply.putIfAbsent(ts, c.atNanos());
                repliesPerTs.merge(ts, 1, Integer::sum);
            }
            servedFrom = sent.isEmpty() ? 0 : sent.get(0).atNanos();
            servedUntil = firstReply.values().stream().mapToLong(Long::longValue).max().orElse(servedFrom);
            List<Long> e2eMillis = new ArrayList<>();
            int missing = 0;
            int duplicatedReads = 0;
            for (Sent s : sent) {
                Long at = firstReply.get(s.ts());
                if (at == null) {
                    missing++;
                } else {
                    e2eMillis.add((at - s.atNanos()) / 1_000_000);
                }
                if (s.kind().equals("read") && repliesPerTs.getOrDefault(s.ts(), 0) > 1) {
                    duplicatedReads++;
                }
            }
            long heapPeak = heapWatch.stop();
            long heapAfter = usedHeapAfterGc();
            int threadsPeak = ManagementFactory.getThreadMXBean().getPeakThreadCount();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
            adapters.close();
            app.close();
            Map<String, Long> audit = auditKinds(config.store().url());

            StringBuilder r = new StringBuilder();
            r.append("load: ").append(USERS).append(" users, ").append(sent.size()).append(" lines in ")
                    .append(SECONDS).append(" s (").append(String.format("%.1f", sent.size() / (double) SECONDS))
                    .append("/s offered), reads ").append(counts[0]).append(", drains ").append(counts[1])
                    .append(", denies ").append(counts[2]).append(", pending ").append(counts[3]).append('\n');
            r.append("answered ").append(sent.size() - missing).append('/').append(sent.size())
                    .append(", duplicated read replies ").append(duplicatedReads).append('\n');
            r.append(String.format("throughput served: %.1f lines/s (%d answered between the first line and the last "
                    + "first reply, %.1f s)%n", (sent.size() - missing) / Math.max(1e-9, (servedUntil - servedFrom) / 1e9),
                    sent.size() - missing, (servedUntil - servedFrom) / 1e9));
            r.append(LoadFigures.of(timings).report());
            r.append("end to end on the wire (frame sent -> first reply at the fake, incl. Slurm and queueing) ms: ")
                    .append(LoadFigures.percentiles(e2eMillis, 1.0)).append('\n');
            r.append("cluster calls: ").append(transport.calls()).append(", mean ")
                    .append(transport.calls() == 0 ? 0 : transport.totalNanos() / transport.calls() / 1000)
                    .append(" us\n");
            r.append("heap used after GC: ").append(heapBefore >> 20).append(" MB before, ").append(heapAfter >> 20)
                    .append(" MB after (peak used during the run ").append(heapPeak >> 20).append(" MB, max ")
                    .append(Runtime.getRuntime().maxMemory() >> 20).append(" MB); threads ").append(threadsBefore)
                    .append(" before, peak ").append(threadsPeak).append(", ").append(threadsAfter).append(" after\n");
            r.append("audit rows by kind: ").append(audit).append('\n');
            r.append("loadavg before: ").append(loadBefore).append("; after: ").append(loadAfter).append('\n');
            System.out.println(r);
            Files.createDirectories(Path.of("target/reliability"));
            Files.writeString(Path.of("target/reliability/load.txt"), r);

            assertThat(missing).as(r.toString()).isZero();
            assertThat(duplicatedReads).as(r.toString()).isZero();
            // One row per line: READ for help/status/nodes (+ the 20 warm-up lines), REQUESTED per drain, VOTE per deny.
            assertThat(audit.getOrDefault("READ", 0L)).as(r.toString()).isEqualTo(counts[0] + 20);
            assertThat(audit.getOrDefault("REQUESTED", 0L)).as(r.toString()).isEqualTo(counts[1]);
            assertThat(audit.getOrDefault("VOTE", 0L)).as(r.toString()).isEqualTo(counts[2]);
        }
    }

    /** The bot behind a {@link TimedChatHandler}, which gets each command's name from the bot's observer. */
    private static TimedChatHandler timed(Application app, TimingTransport transport,
                                          List<TimedChatHandler.Timing> timings) {
        TimedChatHandler handler = new TimedChatHandler(app.bot(), transport, timings::add);
        app.bot().setCommandObserver((command, outcome, took) -> handler.named(command));
        return handler;
    }

    /** Sends RATE lines a second for SECONDS; returns {reads, drains, denies, pendings}. */
    private static long[] drive(FakeSocketMode socket, FakeSlackWebApi web, List<Sent> sent) throws Exception {
        Random random = new Random(18);
        long[] counts = new long[4];
        ConcurrentLinkedQueue<String> open = new ConcurrentLinkedQueue<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        long period = 1_000_000_000L / RATE;
        int total = RATE * SECONDS;
        for (int n = 0; n < total; n++) {
            long due = start + n * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (n % 25 == 0) {                 // the request ids the plans announced, for the approvers' votes
                for (FakeSlackWebApi.Call c : web.calls("chat.postMessage")) {
                    Matcher m = NEEDS.matcher(String.valueOf(c.get("text")));
                    if (m.find() && seen.add(m.group(1))) {
                        open.add(m.group(1));
                    }
                }
            }
            int u = random.nextInt(USERS);
            int dice = random.nextInt(100);
            String line;
            String kind;
            if (u >= OPERATORS && dice < 60) {
                String id = open.poll();
                line = id == null ? "!slurm pending" : "!slurm deny " + id;
                kind = id == null ? "pending" : "deny";
            } else if (dice < 35) {
                line = "!slurm help";
                kind = "read";
            } else if (dice < 60) {
                line = "!slurm status";
                kind = "read";
            } else if (dice < 88 || u >= OPERATORS) {
                line = "!slurm nodes";
                kind = "read";
            } else {
                line = "!slurm drain node00" + (1 + random.nextInt(4)) + " load-" + n;
                kind = "drain";
            }
            counts[switch (kind) { case "read" -> 0; case "drain" -> 1; case "deny" -> 2; default -> 3; }]++;
            String ts = "1710000000.%06d".formatted(n);
            sent.add(new Sent(ts, kind, System.nanoTime()));
            socket.sendFrame(SlackFrames.message("Ld" + n, CHANNEL, user(u), line, ts));
        }
        return counts;
    }

    private static String user(int i) {
        return "U_L%02d".formatted(i);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Map<String, Long> auditKinds(String url) throws Exception {
        Map<String, Long> kinds = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT kind, COUNT(*) FROM audit GROUP BY kind")) {
            while (rs.next()) {
                kinds.put(rs.getString(1), rs.getLong(2));
            }
        }
        return kinds;
    }

    private SlurmopsConfig config() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(LabCluster.repoRoot().resolve("config/lab.yaml").toFile());
        root.putObject("store").put("url", "jdbc:h2:file:${STATE}/store");
        ObjectNode users = root.putObject("access").putObject("users");
        for (int i = 0; i < USERS; i++) {
            users.put("slack:" + user(i), i < OPERATORS ? "operator" : "approver");
        }
        root.putObject("alerts").put("enabled", false);
        root.remove("console");
        return new ConfigLoader(Map.of("STATE", state.toString(), "SLURMOPS_STATE", state.toString()))
                .parse(yaml.writeValueAsString(root), "LoadReliability (config/lab.yaml)");
    }
}
