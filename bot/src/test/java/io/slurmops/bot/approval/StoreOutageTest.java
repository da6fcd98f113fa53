package io.slurmops.bot.approval;

import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
}
