package io.slurmops.bot.lab;

import io.slurmops.adapters.chat.discord.DiscordFrames;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.slurmops.bot.lab.TwoInstances.ALICE;
import static io.slurmops.bot.lab.TwoInstances.BOB;
import static io.slurmops.bot.lab.TwoInstances.awaitTrue;
import static io.slurmops.bot.lab.TwoInstances.referenced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: the lab's MariaDB (which also serves Slurm's accounting) stopped and started again under two
 * running {@code slurmops bot} processes. A command and a vote sent while it is down are answered
 * "cannot record … try again" and change nothing; after it is back both instances reconnect, the
 * retried vote and new commands are handled exactly once each (the fake's call log is the count), and
 * slurmdbd is healthy again.
 */
@LabTest
@Timeout(300)
class StoreBlinkLabTest {

    private static final String HEAD_SYSTEMCTL = "/var/lib/slurmlab/bin/systemctl";

    @TempDir
    Path dir;

    private String drained;

    @AfterEach
    void putTheLabBack() throws Exception {
        LabCluster.exec(List.of(HEAD_SYSTEMCTL, "start", "mariadb"), 120);
        if (drained != null) {
            SlurmopsProcess.resume(drained);
        }
        LabCluster.restore();
        awaitTrue("slurmdbd answers", Duration.ofSeconds(60),
                () -> LabCluster.exec(List.of("sacctmgr", "-n", "show", "cluster"), 30).exitCode() == 0);
    }

    @Test
    void commandsAndVotesAcrossAMariadbRestartAreNeitherLostNorDoubled() throws Exception {
        String node = SlurmopsProcess.idleNode("node004", "node003", "node002", "node001");
        try (TwoInstances two = new TwoInstances(dir).start()) {
            two.say("100000000000000050", ALICE, "alice", "!slurm drain " + node + " store-blink");
            FakeDiscordRest.Call plan = two.awaitPost("the plan", Duration.ofSeconds(60),
                    t -> t.contains("#1 needs 1 approval"));
            String planId = two.messageIdOf(plan);
            awaitTrue("the plan is bound to its message", Duration.ofSeconds(10),
                    () -> planId.equals(two.query("SELECT message_id FROM requests WHERE id = 1").orElse("")));

            // The blink: MariaDB stopped the way the lab manages it; a command and a vote arrive meanwhile.
            long t0 = System.nanoTime();
            assertThat(LabCluster.exec(List.of(HEAD_SYSTEMCTL, "stop", "mariadb"), 120).exitCode()).isZero();
            long sent = System.nanoTime();
            two.say("100000000000000051", ALICE, "alice", "!slurm pending");
            two.react(BOB, "bob", planId, "✅");
            two.awaitPost("cannot record the command", Duration.ofSeconds(30),
                    t -> t.contains("cannot record this command"));
            two.awaitPost("cannot record the vote", Duration.ofSeconds(30), t -> t.contains("cannot record this vote"));
            // Both instances get every Discord event; one slower than the other may record them only after
            // the store is back — too late to act on (the bot's rule), whatever this machine's load.
            long lateAfterMs = 16_000 - (System.nanoTime() - sent) / 1_000_000;
            if (lateAfterMs > 0) {
                Thread.sleep(lateAfterMs);
            }
            assertThat(LabCluster.exec(List.of(HEAD_SYSTEMCTL, "start", "mariadb"), 120).exitCode()).isZero();
            long downMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(SlurmopsProcess.state(node)).as("nothing ran on the unrecorded vote").doesNotStartWith("drain");

            // After it: a new command is answered once (the request still pending: the vote was not recorded).
            long back = System.nanoTime();
            two.say("100000000000000052", ALICE, "alice", "!slurm pending");
            FakeDiscordRest.Call pending = two.awaitPost("pending after the blink", Duration.ofSeconds(60),
                    t -> t.contains("1 request waiting for approval"));
            long answeredMs = (System.nanoTime() - back) / 1_000_000;
            assertThat(referenced(pending)).isEqualTo("100000000000000052");
            // bob tries again as told: takes his ✅ off and puts it back.
            two.gateway.broadcast(DiscordFrames.reactionRemoved(BOB, planId, "✅"));
            two.react(BOB, "bob", planId, "✅");
            two.awaitPost("the approval", Duration.ofSeconds(30), t -> t.contains("#1 approved by bob (1/1)"));
            two.awaitPost("the result", Duration.ofSeconds(60), t -> t.contains("#1 ") && t.contains("done in"));
            drained = node;
            awaitTrue(node + " drained", Duration.ofSeconds(30), () -> SlurmopsProcess.state(node).startsWith("drain"));
            two.say("100000000000000053", ALICE, "alice", "!slurm pending");
            two.awaitPost("pending at the end", Duration.ofSeconds(30),
                    t -> t.contains("No request is waiting for approval"));
            Thread.sleep(3000); // a doubled answer from the other instance would be here by now

            List<String> cannotCommand = texts(two.posts(t -> t.contains("cannot record this command")));
            List<String> cannotVote = texts(two.posts(t -> t.contains("cannot record this vote")));
            List<String> tooLate = texts(two.posts(t -> t.contains("cannot act on this")));
            // Both instances refuse command 51; keyed by the event, Discord shows one refusal message.
            assertThat(repliesTo(two, "100000000000000051").stream().map(c -> c.payload().get("nonce").getAsString())
                    .distinct()).as("refusal messages for the command sent during the blink").hasSize(1);
            assertThat(two.posts(t -> t.contains("waiting for approval")))
                    .as("answers to the two !slurm pending after the blink (the one during it was not run)")
                    .hasSize(2);
            assertThat(repliesTo(two, "100000000000000052")).as("replies to the first command after the blink")
                    .hasSize(1);
            assertThat(repliesTo(two, "100000000000000053")).as("replies to the second").hasSize(1);
            assertThat(two.posts(t -> t.contains("needs 1 approval"))).as("plans").hasSize(1);
            assertThat(two.posts(t -> t.contains("#1 approved by"))).as("approvals").hasSize(1);
            assertThat(two.posts(t -> t.contains("#1 ") && t.contains("done in"))).as("results").hasSize(1);
            assertThat(two.query("SELECT COUNT(*) FROM votes")).contains("1");
            assertThat(two.query("SELECT state FROM requests WHERE id = 1")).contains("SUCCEEDED");

            // Both reconnected: the leader now is killed, and the other takes over through its own pool.
            BotInstance leader = two.leader();
            BotInstance other = two.other(leader);
            leader.kill();
            long takeover = TwoInstancesLabTest.awaitTakeover(two, other, System.nanoTime());
            System.out.printf("STORE BLINK: MariaDB down %d ms; first command after it answered in %d ms; "
                    + "'cannot record' replies: %d to the command, %d to the vote, 'recorded too late' %d; "
                    + "takeover after it %d ms%n",
                    downMs, answeredMs, cannotCommand.size(), cannotVote.size(), tooLate.size(), takeover);
        }
    }

    private static List<FakeDiscordRest.Call> repliesTo(TwoInstances two, String messageId) {
        return two.posts(t -> true).stream().filter(c -> messageId.equals(referenced(c))).toList();
    }

    private static List<String> texts(List<FakeDiscordRest.Call> calls) {
        return calls.stream().map(TwoInstances::content).toList();
    }
}
