package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Self-approval, quorum, deny, reactions on the exact message, cancel, expiry, stale plans. */
class VotingRulesTest {

    @TempDir
    Path dir;
    ApprovalHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new ApprovalHarness(dir, FakeCluster.withNodes(4).job("9", "zoe", "sim", "RUNNING", "None", "node002"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void oneApprovalBySomeoneElseRunsTheChangeAndTheTrailIsComplete() {
        assertThat(h.say("alice", "!slurm drain node001 maint").outcome()).isEqualTo(Outcome.PENDING);
        assertThat(h.updates("State=DRAIN")).isZero();
        BotResponse approved = h.say("bob", "!slurm approve 1 looks right");
        assertThat(approved.outcome()).isEqualTo(Outcome.DONE);
        assertThat(approved.reply().title()).startsWith("#1 Drain node001").contains("done");
        assertThat(h.cluster.node("node001").reason()).isEqualTo("maint [alice #1]");
        assertThat(h.updates("State=DRAIN")).isEqualTo(1);
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(h.trail(1)).containsExactly(AuditKind.REQUESTED, AuditKind.PLANNED, AuditKind.VOTE,
                AuditKind.APPROVED, AuditKind.STARTED, AuditKind.STEP, AuditKind.SUCCEEDED);
        assertThat(h.channel.text()).contains("#1 approved by bob (1/1); running now");
        // results go in the plan message's thread
        String planId = h.channel.lastVoteMessage();
        assertThat(h.channel.posts()).filteredOn(p -> planId.equals(p.thread())).hasSize(2);
    }

    @Test
    void aVoteThatArrivesBeforeThePlansIdIsRecordedStillCounts() throws Exception {
        // Slack/Discord deliver bob's ✅ while the bot is still adding its own reactions to the plan,
        // i.e. before postForVote has returned the message id to the approval flow.
        java.util.concurrent.atomic.AtomicReference<Thread> voter = new java.util.concurrent.atomic.AtomicReference<>();
        h.channel.whilePostingForVote = id -> {
            Thread t = new Thread(() -> h.react("bob", id, "✅"));
            t.start();
            voter.set(t);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertThat(h.say("alice", "!slurm drain node001 maint").outcome()).isEqualTo(Outcome.PENDING);
        voter.get().join(10_000);
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(h.updates("State=DRAIN")).isEqualTo(1);
    }

    @Test
    void theRequesterNeverCountsNotEvenAnAdmin() {
        h.say("alice", "!slurm drain node001 maint");
        BotResponse self = h.say("alice", "!slurm approve 1");
        assertThat(self.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(self.reply().toPlainText()).contains("alice requested #1 and cannot approve it");
        h.say("erin", "!slurm down node003 fan");
        h.react("erin", h.channel.lastVoteMessage(), "✅");
        assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
        assertThat(h.request(2).state()).isEqualTo(RequestState.PENDING);
        assertThat(h.trail(2)).contains(AuditKind.VOTE_IGNORED).doesNotContain(AuditKind.VOTE);
        assertThat(h.updates("State=DRAIN") + h.updates("State=DOWN")).isZero();
    }

    @Test
    void destructiveNeedsTwoDistinctApproversAndAnyDenyWins() {
        h.say("erin", "!slurm down node002 dead fan");
        String plan = h.channel.posts().get(h.channel.posts().size() - 1).text();
        assertThat(plan).contains("KILLS 1 JOB").contains("zoe");
        assertThat(h.say("bob", "!slurm approve 1").reply().title()).contains("1/2 approvals; waiting for 1 more");
        assertThat(h.say("bob", "!slurm approve 1").reply().title()).contains("bob already voted on #1");
        assertThat(h.updates("State=DOWN")).isZero();
        BotResponse deny = h.say("dave", "!slurm deny 1 jobs of zoe still need it");
        assertThat(deny.reply().title()).contains("denied by dave: jobs of zoe still need it");
        assertThat(h.say("frank", "!slurm approve 1").reply().title()).contains("#1 is already denied");
        assertThat(h.updates("State=DOWN")).isZero();
        assertThat(h.request(1).state()).isEqualTo(RequestState.DENIED);

        h.say("erin", "!slurm down node002 dead fan");
        h.say("bob", "!slurm approve 2");
        assertThat(h.say("dave", "!slurm approve 2").outcome()).isEqualTo(Outcome.DONE);
        assertThat(h.updates("State=DOWN")).isEqualTo(1);
        assertThat(h.cluster.node("node002").state()).isEqualTo("down");
    }

    @Test
    void reactionsCountOnlyOnThePlanMessageAndSkinTonesAreTheSameVote() {
        h.say("alice", "!slurm drain node001 maint");
        String plan = h.channel.lastVoteMessage();
        h.say("carol", "!slurm nodes");
        String other = h.channel.posts().get(h.channel.posts().size() - 1).id();
        h.react("bob", other, "✅");
        h.react("bob", plan, "👀");
        assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
        h.react("bob", plan, "+1::skin-tone-4");
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(h.audit(1)).filteredOn(e -> e.kind() == AuditKind.VOTE)
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("via reaction"));
    }

    @Test
    void aDenyReactionEndsTheRequest() {
        h.say("alice", "!slurm drain node001 maint");
        h.react("dave", h.channel.lastVoteMessage(), "👎🏽");
        assertThat(h.request(1).state()).isEqualTo(RequestState.DENIED);
        assertThat(h.channel.text()).contains("#1 denied by dave; nothing runs");
    }

    @Test
    void onlyTheRequesterCancels() {
        h.say("alice", "!slurm drain node001 maint");
        assertThat(h.say("bob", "!slurm cancel 1").reply().title()).contains("only alice can cancel it");
        assertThat(h.say("alice", "!slurm cancel #1").outcome()).isEqualTo(Outcome.DONE);
        assertThat(h.request(1).state()).isEqualTo(RequestState.CANCELLED);
        assertThat(h.say("bob", "!slurm approve 1").reply().title()).contains("already cancelled");
        assertThat(h.updates("State=DRAIN")).isZero();
    }

    @Test
    void pendingListsOpenRequestsWithVotesAndTimeLeft() {
        h.say("erin", "!slurm down node003 x");
        h.say("alice", "!slurm drain node001 maint");
        h.say("bob", "!slurm approve 1");
        h.clock.advance(Duration.ofMinutes(5));
        String text = h.say("carol", "!slurm pending").reply().toPlainText();
        assertThat(text).contains("2 requests waiting").contains("#1 `!slurm down node003 x` — erin — 1/2 approvals by bob")
                .contains("expires in 10 min").contains("#2 `!slurm drain node001 maint` — alice — 0/1");
    }

    @Test
    void aRequestExpiresIsAnnouncedAndLaterVotesDoNothing() {
        h.say("alice", "!slurm drain node001 maint");
        h.clock.advance(Duration.ofMinutes(14));
        h.app.approvals().sweep();
        assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
        h.clock.advance(Duration.ofMinutes(1));
        h.app.approvals().sweep();
        assertThat(h.request(1).state()).isEqualTo(RequestState.EXPIRED);
        assertThat(h.channel.text()).contains("#1 expired without enough approvals; nothing ran");
        String plan = h.channel.lastVoteMessage();
        assertThat(h.channel.posts()).filteredOn(p -> p.text().contains("expired without enough approvals"))
                .singleElement().satisfies(p -> assertThat(p.thread()).as("in the plan's thread").isEqualTo(plan));
        BotResponse late = h.say("bob", "!slurm approve 1");
        assertThat(late.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(late.reply().title()).contains("already expired");
        assertThat(h.updates("State=DRAIN")).isZero();
        h.app.approvals().sweep();
        assertThat(h.channel.text().split("expired without enough approvals", -1)).as("announced once").hasSize(2);
    }

    @Test
    void aVoteAfterTheDeadlineExpiresTheRequestEvenWithoutASweep() {
        h.say("alice", "!slurm drain node001 maint");
        h.clock.advance(Duration.ofMinutes(16));
        BotResponse late = h.say("bob", "!slurm approve 1");
        assertThat(late.reply().title()).contains("#1 expired at");
        assertThat(h.request(1).state()).isEqualTo(RequestState.EXPIRED);
        assertThat(h.updates("State=DRAIN")).isZero();
    }

    @Test
    void aPlanThatNoLongerAppliesEndsStaleAndNothingRuns() {
        h.say("alice", "!slurm drain node001 maint");
        h.cluster.node("node001", "drained", "someone else");
        BotResponse r = h.say("bob", "!slurm approve 1");
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reply().title()).contains("#1 no longer applies: node001 is already drained");
        assertThat(h.request(1).state()).isEqualTo(RequestState.STALE);
        assertThat(h.updates("State=DRAIN")).isZero();
        assertThat(h.trail(1)).endsWith(AuditKind.STARTED, AuditKind.STALE);
    }

    @Test
    void badInputAndGuardRailsRejectTheRequestWithoutAPlan() {
        BotResponse bad = h.say("alice", "!slurm drain node[001-009] maint");
        assertThat(bad.outcome()).isEqualTo(Outcome.USAGE);
        assertThat(bad.reply().toPlainText()).contains("#1 not possible").contains("not nodes of this cluster")
                .contains("Usage: `!slurm drain HOSTLIST REASON`");
        h.cluster.service(FakeCluster.CONTROLLER, "slurmdbd", false).service(FakeCluster.CONTROLLER, "slurmctld", false);
        BotResponse refused = h.say("alice", "!slurm start slurmctld");
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.reply().toPlainText()).contains("start slurmdbd first");
        assertThat(h.request(2).state()).isEqualTo(RequestState.REJECTED);
        assertThat(h.trail(2)).containsExactly(AuditKind.REQUESTED, AuditKind.REJECTED);
        assertThat(h.say("bob", "!slurm approve 9").outcome()).isEqualTo(Outcome.USAGE);
    }
}
