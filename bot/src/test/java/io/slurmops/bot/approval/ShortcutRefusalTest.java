package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each shortcut that backfires, typed in chat, is refused with its runbook, nothing runs, and the audit keeps why. */
class ShortcutRefusalTest {

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

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "erin  | !slurm down ALL everything is broken        | cluster-restart",
            "erin  | !slurm restart slurmctld slurmdbd           | cluster-restart",
            "alice | !slurm restart slurmdbd slurmctld           | cluster-restart",
            "erin  | !slurm stop slurmd ALL                      | cluster-restart",
            "erin  | !slurm rm -f /var/lib/slurm/slurmctld.state | ctld-state-recovery",
            "alice | !slurm clear state                          | ctld-state-recovery"})
    void refusedWithTheRunbookAndAudited(String user, String line, String runbook) {
        int ranBefore = h.cluster.ran().size();
        BotResponse r = h.say(user, line);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.reply().toPlainText()).contains("shortcut that backfires").contains("!slurm runbook run " + runbook);
        assertThat(h.channel.text()).contains("!slurm runbook run " + runbook);
        assertThat(h.cluster.ran()).as("nothing was asked of the cluster").hasSize(ranBefore);
        List<AuditEntry> recent = h.app.approvals().store().transaction(tx -> tx.recentAudit(1));
        assertThat(recent).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AuditKind.REJECTED);
            assertThat(e.commandLine()).isEqualTo(line);
            assertThat(e.actorName()).isEqualTo(user);
            assertThat(e.detail()).contains("runbook run " + runbook);
        });
    }
}
