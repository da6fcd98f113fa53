package io.slurmops.bot.lab;

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
import static io.slurmops.bot.lab.TwoInstances.RENEW;
import static io.slurmops.bot.lab.TwoInstances.TTL;
import static io.slurmops.bot.lab.TwoInstances.awaitTrue;
import static io.slurmops.bot.lab.TwoInstances.referenced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's "Done when" with real processes: two {@code slurmops bot} JVMs on the lab's MariaDB, both
 * sessions of one Discord shard (the wire-level fakes), so both get every event and the store decides
 * which one acts. The leader (holder of the alert lease) is SIGKILLed while an approval is pending, and
 * while an alert is open; the survivor finishes the work exactly once. The fake's call log is the count.
 * Leases are short (ttl 4 s, renewed every 1 s: takeover bound 5 s) to keep the test fast.
 */
@LabTest
@Timeout(300)
class TwoInstancesLabTest {

    private static final Duration BOUND = TTL.plus(RENEW);

    @TempDir
    Path dir;

    private String drained;

    @AfterEach
    void putTheLabBack() throws Exception {
        if (drained != null) {
            SlurmopsProcess.resume(drained);
        }
        LabCluster.restore();
    }

    @Test
    void theSurvivorCompletesAPendingApprovalOnce() throws Exception {
        String node = SlurmopsProcess.idleNode("node002", "node003", "node004", "node001");
        try (TwoInstances two = new TwoInstances(dir).start()) {
            BotInstance leader = two.leader();
            BotInstance survivor = two.other(leader);

            two.say("100000000000000040", ALICE, "alice", "!slurm drain " + node + " two-instances");
            FakeDiscordRest.Call plan = two.awaitPost("the plan", Duration.ofSeconds(60),
                    t -> t.contains("#1 needs 1 approval"));
            String planId = two.messageIdOf(plan);
            awaitTrue("the plan is bound to its message", Duration.ofSeconds(10),
                    () -> planId.equals(two.query("SELECT message_id FROM requests WHERE id = 1").orElse("")));
            Thread.sleep(1000); // the other instance has seen the same command by now: it must not plan again

            leader.kill();
            long killed = System.nanoTime();
            // The vote arrives at once: chat events need no lease, only the store.
            two.react(BOB, "bob", planId, "✅");
            long takeover = awaitTakeover(two, survivor, killed);

            two.awaitPost("the approval", Duration.ofSeconds(30), t -> t.contains("#1 approved by bob (1/1)"));
            two.awaitPost("the result", Duration.ofSeconds(60), t -> t.contains("#1 ") && t.contains("done in"));
            drained = node;
            awaitTrue(node + " drained", Duration.ofSeconds(30), () -> SlurmopsProcess.state(node).startsWith("drain"));
            assertThat(SlurmopsProcess.reason(node)).isEqualTo("two-instances [alice #1]");

            // The vote again (a resumed session replays it) and a question: nothing runs twice.
            two.react(BOB, "bob", planId, "✅");
            two.say("100000000000000041", ALICE, "alice", "!slurm pending");
            two.awaitPost("pending", Duration.ofSeconds(30), t -> t.contains("No request is waiting for approval"));

            assertThat(two.posts(t -> t.contains("needs 1 approval"))).as("plans").hasSize(1);
            assertThat(two.posts(t -> t.contains("#1 approved by"))).as("approvals").hasSize(1);
            assertThat(two.posts(t -> t.contains("#1 ") && (t.contains("done in") || t.contains("already"))))
                    .as("results").hasSize(1);
            assertThat(two.posts(t -> t.contains("waiting for approval"))).as("answers to !slurm pending").hasSize(1);
            assertThat(two.query("SELECT COUNT(*) FROM requests")).contains("1");
            assertThat(two.query("SELECT state FROM requests WHERE id = 1")).contains("SUCCEEDED");
            assertThat(survivor.alive()).isTrue();
            System.out.printf("TWO INSTANCES approval: %s killed, %s took the alert lease %d ms later (bound %d ms)%n",
                    leader.name(), survivor.name(), takeover, BOUND.toMillis());
        }
    }

    @Test
    void theSurvivorTakesOverAnOpenAlertWithoutRepostingAndPostsTheRecoveryOnce() throws Exception {
        String node = SlurmopsProcess.idleNode("node003", "node004", "node002", "node001");
        try (TwoInstances two = new TwoInstances(dir).start()) {
            BotInstance leader = two.leader();
            BotInstance survivor = two.other(leader);

            assertThat(LabCluster.onNode(node, "systemctl", "stop", "slurmd").exitCode()).isZero();
            FakeDiscordRest.Call alert = two.awaitPost("the alert for " + node, Duration.ofSeconds(90),
                    t -> isAlertAbout(t, node));
            assertThat(referenced(alert)).as("the alert is a top-level message").isNull();
            // Open = recorded with its message. (Killed between the post and that write, the survivor would
            // post it again: a claim never finished is retaken, so an incident is never forgotten.)
            awaitTrue("incident #1 recorded with its message", Duration.ofSeconds(20),
                    () -> two.query("SELECT message_id FROM incidents WHERE id = 1").isPresent());

            leader.kill();
            long takeover = awaitTakeover(two, survivor, System.nanoTime());
            // Several node polls by the survivor while the fault persists: the open incident is its own now.
            Thread.sleep(10_000);
            assertThat(two.posts(t -> isAlertAbout(t, node))).as("alerts about " + node + " after the takeover")
                    .hasSize(1);

            assertThat(LabCluster.onNode(node, "systemctl", "start", "slurmd").exitCode()).isZero();
            FakeDiscordRest.Call recovered = two.awaitPost("the recovery of " + node, Duration.ofSeconds(90),
                    t -> t.contains("RECOVERED") && t.contains(node));
            Thread.sleep(6_000); // a second recovery would follow within a poll or two
            assertThat(two.posts(t -> t.contains("RECOVERED") && t.contains(node))).as("recoveries").hasSize(1);
            assertThat(two.posts(t -> isAlertAbout(t, node))).as("alerts about " + node).hasSize(1);
            assertThat(referenced(recovered)).as("the recovery is in the alert's thread").isNotNull();
            System.out.printf("TWO INSTANCES alert: %s killed, %s took the alert lease %d ms later (bound %d ms)%n",
                    leader.name(), survivor.name(), takeover, BOUND.toMillis());
        }
    }

    private static boolean isAlertAbout(String text, String node) {
        return text.contains("CRITICAL " + node) && text.contains("not responding");
    }

    /** Milliseconds from the kill until the survivor holds the alert lease; at most the bound (plus 1 s of polling slack). */
    static long awaitTakeover(TwoInstances two, BotInstance survivor, long killedNanos) throws Exception {
        awaitTrue(survivor.name() + " takes the alert lease", BOUND.multipliedBy(3),
                () -> two.leaseHolderPid().orElse(-1L) == survivor.pid());
        long ms = (System.nanoTime() - killedNanos) / 1_000_000;
        assertThat(ms).as("takeover").isLessThanOrEqualTo(BOUND.toMillis() + 1000);
        return ms;
    }
}
