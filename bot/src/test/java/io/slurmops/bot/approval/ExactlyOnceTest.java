package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Redeliveries, simultaneous votes, restarts and crashes: no request runs twice, none is lost. */
class ExactlyOnceTest {

    @TempDir
    Path dir;
    ApprovalHarness h;

    @BeforeEach
    void start() throws Exception {
        // A slow state change widens the window in which a second execution could sneak in.
        FakeCluster cluster = FakeCluster.withNodes(4).hook(cmd -> {
            if (cmd.argv().contains("update")) {
                sleep(150);
            }
            return Optional.empty();
        });
        h = new ApprovalHarness(dir, cluster);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aRedeliveredMessageIsHandledOnce() {
        ChatMessage ask = new ChatMessage("console", "Ev-1", ApprovalHarness.CHANNEL, "alice", "alice",
                "!slurm drain node001 maint", "Ev-1", h.clock.instant());
        assertThat(h.deliver(ask).outcome()).isEqualTo(Outcome.PENDING);
        assertThat(h.deliver(ask).outcome()).isEqualTo(Outcome.IGNORED);
        ChatMessage approve = new ChatMessage("console", "Ev-2", ApprovalHarness.CHANNEL, "bob", "bob", "!slurm approve 1",
                "Ev-2", h.clock.instant());
        assertThat(h.deliver(approve).outcome()).isEqualTo(Outcome.DONE);
        assertThat(h.deliver(approve).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(h.channel.posts()).filteredOn(Transcript.Post::forVote).hasSize(1);
        assertThat(h.updates("State=DRAIN")).isEqualTo(1);
        Optional<io.slurmops.adapters.store.RequestRecord> second = h.app.approvals().store().transaction(tx -> tx.request(2));
        assertThat(second).as("the redelivery opened no second request").isEmpty();
    }

    @Test
    void aRedeliveredReactionIsDroppedSilentlyWhileASecondVoteIsSaid() {
        h.say("erin", "!slurm down node003 fan");
        String plan = h.channel.lastVoteMessage();
        h.react("bob", plan, "✅", "R-1");
        int posts = h.channel.posts().size();
        h.react("bob", plan, "✅", "R-1");
        assertThat(h.channel.posts()).hasSize(posts);
        h.react("bob", plan, "👍", "R-2");
        assertThat(h.channel.text()).contains("bob already voted on #1; one vote per person (1/2 approvals so far)");
        assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
        assertThat(h.updates("State=DOWN")).isZero();
    }

    @Test
    void approversVotingAtTheSameInstantRunThePlanExactlyOnce() throws Exception {
        h.say("alice", "!slurm drain node001 maint");
        List<BotResponse> answers = all(List.of("bob", "dave", "erin", "frank", "bob", "dave", "erin", "frank"),
                who -> h.say(who, "!slurm approve 1"));
        assertThat(h.updates("State=DRAIN")).isEqualTo(1);
        assertThat(answers).filteredOn(r -> r.outcome() == Outcome.DONE).hasSize(1);
        assertThat(h.trail(1)).filteredOn(k -> k == AuditKind.STARTED).hasSize(1);
        assertThat(h.trail(1)).filteredOn(k -> k == AuditKind.VOTE).hasSize(1);
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
    }

    @Test
    void twoApplicationsOnOneStoreRacingOnAQuorumOfTwoRunItOnce() throws Exception {
        h.say("erin", "!slurm down node002 fan");
        try (Application second = h.start("15m")) {
            Transcript other = new Transcript();
            List<BotResponse> answers = all(List.of("bob", "dave", "frank"), who -> {
                Application app = who.equals("dave") ? second : h.app;
                String id = "ev-" + who;
                return app.bot().handle(new ChatMessage("console", id, ApprovalHarness.CHANNEL, who, who,
                        "!slurm approve 1", id, h.clock.instant()), who.equals("dave") ? other : h.channel);
            });
            assertThat(answers).filteredOn(r -> r.outcome() == Outcome.DONE).hasSize(1);
        }
        assertThat(h.updates("State=DOWN")).isEqualTo(1);
        assertThat(h.trail(1)).filteredOn(k -> k == AuditKind.VOTE).hasSize(2);
        assertThat(h.trail(1)).filteredOn(k -> k == AuditKind.STARTED).hasSize(1);
    }

    @Test
    void aPendingRequestSurvivesARestartAndTheResultGoesWhereTheVoteCameFrom() throws Exception {
        h.say("alice", "!slurm drain node001 maint");
        Transcript before = h.channel;
        h.restart();
        BotResponse r = h.say("bob", "!slurm approve 1");
        assertThat(r.outcome()).isEqualTo(Outcome.DONE);
        assertThat(h.channel.text()).contains("#1 approved by bob").contains("#1 Drain node001: maint [alice #1] — done");
        assertThat(before.text()).doesNotContain("approved by bob");
        assertThat(h.updates("State=DRAIN")).isEqualTo(1);
    }

    @Test
    void expiryHoldsAcrossARestartFromTheStoredDeadline() throws Exception {
        h.say("alice", "!slurm drain node001 maint");
        h.restart("2h");
        h.clock.advance(Duration.ofMinutes(16));
        h.app.approvals().sweep();
        assertThat(h.request(1).state()).isEqualTo(RequestState.EXPIRED);
        h.say("carol", "!slurm pending");
        assertThat(h.channel.text()).contains("#1 expired without enough approvals");
        assertThat(h.say("bob", "!slurm approve 1").outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(h.updates("State=DRAIN")).isZero();
    }

    @Test
    void anExecutionWhoseProcessDiedIsMarkedInterruptedReportedAndNeverRerun() throws Exception {
        h.say("alice", "!slurm drain node001 maint");
        String deadRunner = RunnerIdentity.current().id().replaceFirst(":\\d+$", ":" + deadPid());
        Instant now = h.clock.instant();
        h.app.approvals().store().transaction(tx -> {
            tx.decide(1, RequestState.PENDING, RequestState.APPROVED, now, "approved", true);
            return tx.claim(1, deadRunner, now);
        });
        h.restart();
        assertThat(h.request(1).state()).isEqualTo(RequestState.INTERRUPTED);
        h.app.bot().attach("console", ApprovalHarness.CHANNEL, h.channel);
        assertThat(h.channel.text()).contains("#1 was interrupted and will not be re-run").contains(deadRunner);
        assertThat(h.say("bob", "!slurm approve 1").reply().title()).contains("already interrupted");
        h.clock.advance(Duration.ofMinutes(5));
        h.app.approvals().sweep();
        assertThat(h.updates("State=DRAIN")).isZero();
        assertThat(h.trail(1)).endsWith(AuditKind.INTERRUPTED, AuditKind.VOTE_IGNORED).doesNotContain(AuditKind.STEP);
    }

    @Test
    void aRunnerOnAnotherHostIsPresumedDeadOnlyAfterItsHeartbeatStops() {
        h.say("alice", "!slurm drain node001 maint");
        Instant now = h.clock.instant();
        h.app.approvals().store().transaction(tx -> {
            tx.decide(1, RequestState.PENDING, RequestState.APPROVED, now, "approved", true);
            return tx.claim(1, "elsewhere:4242", now);
        });
        h.clock.advance(Duration.ofSeconds(20));
        h.app.approvals().sweep();
        assertThat(h.request(1).state()).isEqualTo(RequestState.RUNNING);
        h.clock.advance(Duration.ofSeconds(30));
        h.app.approvals().sweep();
        assertThat(h.request(1).state()).isEqualTo(RequestState.INTERRUPTED);
        assertThat(h.channel.text()).contains("#1 was interrupted");
    }

    @Test
    void anApprovalWhoseProcessDiedBeforeClaimingRunsOnceLater() throws Exception {
        h.say("alice", "!slurm drain node001 maint");
        Instant now = h.clock.instant();
        h.app.approvals().store().transaction(tx -> tx.decide(1, RequestState.PENDING, RequestState.APPROVED, now,
                "approved", true));
        h.restart();
        assertThat(h.request(1).state()).as("too young to be an orphan").isEqualTo(RequestState.APPROVED);
        h.clock.advance(Duration.ofSeconds(31));
        h.app.approvals().sweep();
        h.app.approvals().sweep();
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(h.updates("State=DRAIN")).isEqualTo(1);
        h.say("carol", "!slurm pending");
        assertThat(h.channel.text()).contains("#1 succeeded");
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private interface Action {
        BotResponse run(String who) throws Exception;
    }

    /** Runs one action per name, all released at the same instant. */
    private static List<BotResponse> all(List<String> who, Action action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(who.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<BotResponse>> futures = new ArrayList<>();
            for (String w : who) {
                Callable<BotResponse> c = () -> {
                    go.await();
                    return action.run(w);
                };
                futures.add(pool.submit(c));
            }
            go.countDown();
            List<BotResponse> out = new ArrayList<>();
            for (Future<BotResponse> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
