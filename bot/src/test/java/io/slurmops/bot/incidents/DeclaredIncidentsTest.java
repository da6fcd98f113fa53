package io.slurmops.bot.incidents;

import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.slurm.NodeRecord;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declared incidents through the real pipeline, approvals and H2 store, over a FakeCluster at the
 * transport edge and a clock moved by hand: declare, lead, update, note, an approved drain gathered by
 * the channel rule, a command elsewhere left out, resolve, timeline, postmortem with its files, and the
 * reminder when an update is overdue.
 */
class DeclaredIncidentsTest {

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private FakeCluster cluster;
    private Application app;
    private final Channel ops = new Channel("ops");
    private final Channel elsewhere = new Channel("else");

    @BeforeEach
    void start() throws Exception {
        cluster = FakeCluster.withNodes(4);
        cluster.hook(cmd -> cmd.argv().contains("sacct") ? Optional.of(FakeCluster.ok(cmd,
                "77|train|FAILED|1:0|4G||00:01:00|node002|01:00:00|1|1|debug|carol|2026-11-25T10:01:00|"
                        + "2026-11-25T10:02:00\n")) : Optional.empty());
        String yaml = """
                prefix: "!slurm"
                site:
                  cluster: test
                  controller: ctl
                  serviceManager: [systemctl]
                  nodeServiceManager: [systemctl]
                store:
                  url: jdbc:h2:file:%s/store
                access:
                  users: {"console:alice": operator, "console:bob": approver, "console:carol": viewer}
                alerts:
                  enabled: false
                incidents:
                  updateCadence: {SEV2: 10m}
                """.formatted(dir);
        SlurmopsConfig config = new ConfigLoader(Map.of()).parse(yaml, "test");
        app = Application.startLongRunning(config, cluster, clock);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void declaredIncidentGathersItsWorkAndWritesAPostmortem() {
        BotResponse declared = say("alice", "!slurm incident declare SEV2 node002 keeps dropping", ops);
        assertThat(declared.posted()).isTrue();
        assertThat(ops.titles()).anyMatch(t -> t.contains("INC-1 declared: SEV2 node002 keeps dropping"));
        record("node001 idle, node002 idle, node003 alloc, node004 idle");

        tick(30);
        say("alice", "!slurm incident lead @bob", ops);
        say("alice", "!slurm drain node002 flapping", ops);
        tick(20);
        record("node001 idle, node002 drained, node003 alloc, node004 idle");
        say("bob", "!slurm approve 1", ops);
        tick(20);
        say("alice", "!slurm drain node004 unrelated", elsewhere);        // another channel, another node
        say("alice", "!slurm note swapped the cable on node002", ops);
        say("alice", "!slurm incident update cable swapped, watching", ops);
        tick(60);
        record("node001 idle, node002 idle, node003 alloc, node004 idle");
        say("alice", "!slurm incident resolve", ops);
        assertThat(last(ops).title()).contains("INC-1 resolved");
        assertThat(say("alice", "!slurm incident resolve --incident INC-1", ops).reply().title())
                .contains("already resolved");

        String timeline = say("carol", "!slurm incident timeline INC-1", ops).reply().toPlainText();
        assertThat(timeline).containsSubsequence("declared SEV2 node002 keeps dropping", "lead: @bob",
                "requested #1: `!slurm drain node002 flapping`", "approved #1", "#1 succeeded",
                "note: swapped the cable on node002", "status update: cable swapped, watching", "resolved");
        assertThat(timeline).doesNotContain("node004 unrelated");

        Reply pm = say("carol", "!slurm incident postmortem INC-1", ops).reply();
        List<Block.Attachment> files = pm.attachments();
        assertThat(files).extracting(Block.Attachment::fileName)
                .containsExactly("INC-1-postmortem.md", "INC-1-nodes.png");
        String md = new String(files.get(0).content(), StandardCharsets.UTF_8);
        assertThat(md).contains("# INC-1: node002 keeps dropping (SEV2) — postmortem", "## Summary", "## Impact",
                "## Response times", "## Timeline", "## Commands run", "## Root cause", "## Action items",
                "lead @bob", "| #1 | `!slurm drain node002 flapping` | alice | bob | succeeded | made in the incident's channel |",
                "Jobs failed or requeued in the window (sacct, states FAILED,NODE_FAIL,REQUEUED,OUT_OF_MEMORY): 1",
                "| 77 | train | carol | FAILED | node002 |", "| Single node down | 2-5 min |");
        // node002 drained from the 10:00:50 sample until the 10:02:10 one: 80 s = 1.3 node-minutes.
        assertThat(md).contains("Node-minutes lost (nodes drained or down, from the node states recorded at each "
                + "poll): 1.3");
        assertThat(md).doesNotContain("node004 unrelated");
        byte[] png = files.get(1).content();
        assertThat(png).startsWith(new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        List<List<String>> sacct = cluster.ran("sacct").stream().map(c -> c.argv()).toList();
        assertThat(sacct).singleElement().satisfies(argv -> assertThat(argv).contains("-P", "-X", "-S",
                "2026-11-25T10:00:00", "-E", "2026-11-25T10:02:10", "-s", "FAILED,NODE_FAIL,REQUEUED,OUT_OF_MEMORY"));
    }

    @Test
    void badInputAndRolesAreClearAndNothingChanges() {
        assertThat(say("alice", "!slurm note nothing is open", ops).reply().toPlainText())
                .contains("no declared incident is open in this channel");
        assertThat(say("alice", "!slurm incident declare SEV9 typo", ops).reply().toPlainText())
                .contains("SEV9").contains("SEV1");
        assertThat(say("carol", "!slurm incident declare SEV1 viewer tries", ops).reply().toPlainText())
                .contains("operator");
        assertThat(app.incidents().open()).isEmpty();
        say("alice", "!slurm incident declare SEV3 one", ops);
        say("alice", "!slurm incident declare SEV3 two", ops);
        assertThat(say("alice", "!slurm note which one?", ops).reply().toPlainText())
                .contains("several incidents are open in this channel (INC-2, INC-1)");
        say("alice", "!slurm note this one --incident INC-2", ops);
        assertThat(say("alice", "!slurm incident timeline INC-2", ops).reply().toPlainText())
                .contains("note: this one");
    }

    @Test
    void anOverdueUpdateIsRemindedOnceInTheIncidentsThread() {
        say("alice", "!slurm incident declare SEV2 slow", ops);
        String root = ops.posts.get(0).id;
        app.incidentReminders().remindDue();
        tick(9 * 60);
        app.incidentReminders().remindDue();
        assertThat(ops.posts).noneMatch(p -> p.reply.title().contains("no status update"));
        tick(2 * 60);
        app.incidentReminders().remindDue();
        app.incidentReminders().remindDue();
        assertThat(ops.posts).filteredOn(p -> p.reply.title().contains("⏰ INC-1: no status update for 10 min"))
                .singleElement().satisfies(p -> assertThat(p.parent).isEqualTo(root));
        say("alice", "!slurm incident update found it", ops);
        tick(5 * 60);
        app.incidentReminders().remindDue();
        assertThat(ops.posts).filteredOn(p -> p.reply.title().contains("no status update")).hasSize(1);
    }

    private void record(String states) {
        List<NodeRecord> nodes = new ArrayList<>();
        for (String part : states.split(",\\s*")) {
            String[] w = part.split(" ");
            nodes.addAll(NodeRecord.parseSinfo(w[0] + "|" + w[1] + "|||\n"));
        }
        app.incidents().samples().record(now.get(), nodes);
    }

    private void tick(long seconds) {
        now.set(now.get().plus(Duration.ofSeconds(seconds)));
    }

    private BotResponse say(String user, String line, Channel ch) {
        String id = UUID.randomUUID().toString();
        BotResponse r = app.bot().handle(new ChatMessage("console", id, ch.id, user, user, line, id, now.get()), ch);
        return r;
    }

    private static Reply last(Channel ch) {
        return ch.posts.get(ch.posts.size() - 1).reply;
    }

    /** A channel that keeps the replies themselves (attachments included). */
    static final class Channel implements ChatChannel {
        record Post(String id, String parent, Reply reply) {
        }

        final String id;
        final List<Post> posts = new ArrayList<>();

        Channel(String id) {
            this.id = id;
        }

        List<String> titles() {
            return posts.stream().map(p -> p.reply.title()).toList();
        }

        @Override
        public synchronized String post(Reply reply) {
            return postInThread(null, reply);
        }

        @Override
        public synchronized String postInThread(String parent, Reply reply) {
            String pid = id + "-" + (posts.size() + 1);
            posts.add(new Post(pid, parent, reply));
            return pid;
        }
    }
}
