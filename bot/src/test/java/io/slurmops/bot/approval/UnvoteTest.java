package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Removing a ✅ (or ❌) from a plan message: withdrawn while open, only noted once decided. */
class UnvoteTest {

    @TempDir
    Path dir;
    ApprovalHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new ApprovalHarness(dir, FakeCluster.withNodes(4));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aRemovedCheckBeforeTheRunWithdrawsTheVoteAndAddingItAgainCountsOnce() {
        h.say("erin", "!slurm down node003 fan");                 // destructive: two approvals
        String plan = h.channel.lastVoteMessage();
        h.react("bob", plan, "✅");
        assertThat(h.channel.text()).contains("bob approved #1 — 1/2 approvals");

        h.unreact("bob", plan, "✅");
        assertThat(h.channel.text()).contains("bob withdrew their vote on #1 — 0/2 approvals; still waiting");
        assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
        assertThat(h.trail(1)).containsSubsequence(AuditKind.VOTE, AuditKind.VOTE_WITHDRAWN);

        h.react("bob", plan, "✅");                               // added again: counts, once
        h.react("bob", plan, "✅");                               // the same reaction delivered again
        assertThat(h.trail(1)).filteredOn(k -> k == AuditKind.VOTE).hasSize(2);
        assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
        assertThat(h.updates("State=DOWN")).isZero();

        h.react("dave", plan, "✅");
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(h.updates("State=DOWN")).isEqualTo(1);
    }

    @Test
    void aRemovalAfterTheRunIsNotedAndChangesNothing() {
        h.say("alice", "!slurm drain node001 maint");
        String plan = h.channel.lastVoteMessage();
        h.react("bob", plan, "✅");
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);

        h.unreact("bob", plan, "✅");
        assertThat(h.channel.text()).contains("bob removed their reaction from #1 after it was succeeded; that changes nothing");
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(h.trail(1)).endsWith(AuditKind.VOTE_IGNORED).doesNotContain(AuditKind.VOTE_WITHDRAWN);
        assertThat(h.updates("State=DRAIN")).isEqualTo(1);
    }

    @Test
    void removingAReactionThatNeverCountedOrATypedVoteSaysNothing() {
        h.say("erin", "!slurm down node003 fan");
        String plan = h.channel.lastVoteMessage();
        h.react("erin", plan, "✅");                               // the requester's own: not counted
        h.say("bob", "!slurm approve 1");                          // typed
        int posts = h.channel.posts().size();
        h.unreact("erin", plan, "✅");
        h.unreact("bob", plan, "✅");
        h.unreact("carol", plan, "🎉");
        assertThat(h.channel.posts()).hasSize(posts);
        assertThat(h.trail(1)).doesNotContain(AuditKind.VOTE_WITHDRAWN);
        java.util.List<io.slurmops.adapters.store.VoteRecord> votes = h.app.approvals().store().transaction(tx -> tx.votes(1));
        assertThat(votes).hasSize(1);
    }
}
