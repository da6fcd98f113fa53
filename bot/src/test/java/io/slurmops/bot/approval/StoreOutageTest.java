package io.slurmops.bot.approval;

import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.slurmops.adapters.store.RequestState;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 3: while the store cannot record a delivery the bot does nothing and says so, rather
 * than acting unrecorded (a redelivery, or another instance, would then act a second time).
 */
class StoreOutageTest {

    @TempDir
    Path dir;

    @Test
    void aCommandThatCannotBeRecordedIsNotRunAndThePersonIsToldToTryAgain() throws Exception {
        FakeCluster cluster = FakeCluster.withNodes(2);
        ApprovalHarness h = new ApprovalHarness(dir, cluster);
        try {
            h.app.approvals().store().close(); // the store is gone: every transaction fails
            int ranBefore = cluster.ran().size();
            BotResponse r = h.say("alice", "!slurm status");
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.reply().toPlainText()).contains("cannot record this command now")
                    .contains("Nothing was done; try again");
            assertThat(cluster.ran()).hasSize(ranBefore);
        } finally {
            h.close();
        }
    }

    /**
     * Discord gives each event to every instance: one that could not record it has answered "try again",
     * so another one that records it only once the store is back must not run it.
     */
    @Test
    void aCommandRecordedLongAfterItArrivedIsNotRunAndItsRedeliveryIsDropped() throws Exception {
        FakeCluster cluster = FakeCluster.withNodes(2);
        ApprovalHarness h = new ApprovalHarness(dir, cluster);
        try {
            Instant arrived = h.clock.instant();
            ChatMessage late = new ChatMessage("console", "late-1", ApprovalHarness.CHANNEL, "alice", "alice",
                    "!slurm drain node001 late", "late-1", arrived);
            h.clock.advance(Duration.ofSeconds(16));
            BotResponse r = h.deliver(late);
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.reply().toPlainText()).contains("cannot act on this command")
                    .contains("only 16 s after it arrived").contains("Nothing was done; try again");
            assertThat(h.app.approvals().store().transaction(tx -> tx.request(1)).isPresent()).as("a request").isFalse();
            assertThat(h.deliver(late).outcome()).as("its redelivery").isEqualTo(Outcome.IGNORED);

            ChatMessage onTime = new ChatMessage("console", "late-2", ApprovalHarness.CHANNEL, "alice", "alice",
                    "!slurm drain node001 on time", "late-2", h.clock.instant().minusSeconds(14));
            assertThat(h.deliver(onTime).reply().toPlainText()).contains("#1 needs 1 approval");
        } finally {
            h.close();
        }
    }

    @Test
    void aVoteRecordedLongAfterItArrivedIsNotCounted() throws Exception {
        FakeCluster cluster = FakeCluster.withNodes(2);
        ApprovalHarness h = new ApprovalHarness(dir, cluster);
        try {
            h.say("alice", "!slurm drain node001 late vote");
            String planMessage = h.request(1).messageId();
            Instant arrived = h.clock.instant();
            h.clock.advance(Duration.ofSeconds(20));
            h.app.bot().onReaction(new ReactionEvent("console", "late-vote", ApprovalHarness.CHANNEL, planMessage,
                    "bob", "bob", "✅", arrived), h.channel);
            assertThat(h.channel.text()).contains("cannot act on this vote");
            assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
        } finally {
            h.close();
        }
    }
}
