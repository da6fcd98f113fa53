package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.bot.alerts.AlertMessage;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.commands.reply.Status;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** `ack N` and a 👀 on the alert, through the whole pipeline: roles, the first one wins, audited. */
class AcknowledgeTest {

    private static final String ALERT_MESSAGE = "alert-msg-7";

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

    private Incident alert() {
        Instant t0 = h.clock.instant();
        Incident i = new Incident(7, "controller:slurmctld", "controller", "slurmctld", Status.CRITICAL,
                "slurmctld does not answer", "ctld-down", "", t0, t0, null,
                new AlertMessage(ApprovalHarness.PLATFORM, ApprovalHarness.CHANNEL, ALERT_MESSAGE), 0, 0, null, null, null);
        h.app.alertStore().save(i);
        return i;
    }

    private java.util.Optional<io.slurmops.adapters.store.AckRow> ack() {
        return h.app.approvals().store().<java.util.Optional<io.slurmops.adapters.store.AckRow>>transaction(
                tx -> tx.acknowledgement(7));
    }

    @Test
    void ackByCommandNeedsTheOperatorRoleAndTheFirstOneWins() {
        alert();
        BotResponse viewer = h.say("carol", "!slurm ack 7");
        assertThat(viewer.reply().toPlainText()).contains("operator");
        assertThat(ack()).isEmpty();

        BotResponse wrong = h.say("alice", "!slurm ack 99");
        assertThat(wrong.reply().status()).isEqualTo(Status.ERROR);
        assertThat(wrong.reply().toPlainText()).contains("Incident #99 is not open").contains("!slurm alerts");
        BotResponse bad = h.say("alice", "!slurm ack soon");
        assertThat(bad.reply().toPlainText()).contains("incident number");

        BotResponse ok = h.say("alice", "!slurm ack #7");
        assertThat(ok.reply().title()).isEqualTo("Incident #7 acknowledged by alice: its escalation stops.");
        assertThat(ack()).hasValueSatisfying(a -> {
            assertThat(a.by()).isEqualTo("alice");
            assertThat(a.via()).isEqualTo("command");
        });
        assertThat(h.app.alertStore().latest("controller:slurmctld").orElseThrow().firstResponseAt())
                .isEqualTo(h.clock.instant());
        BotResponse again = h.say("erin", "!slurm ack 7");
        assertThat(again.reply().title()).contains("already acknowledged by alice");
        assertThat(h.app.approvals().store().<java.util.List<AuditEntry>>transaction(tx -> tx.recentAudit(20)))
                .extracting(AuditEntry::commandLine).contains("!slurm ack #7");
    }

    @Test
    void aPersonsEyesOnTheAlertAcknowledgeItOtherEmojiAndOtherMessagesDoNot() {
        alert();
        h.react("carol", ALERT_MESSAGE, "👀");
        assertThat(ack()).as("a viewer's 👀 does not acknowledge").isEmpty();
        assertThat(h.channel.text()).contains("carol's 👀 does not acknowledge incident #7: the operator role is needed");

        h.app.bot().onReaction(new io.slurmops.commands.chat.ReactionEvent(ApprovalHarness.PLATFORM, "rm-1",
                ApprovalHarness.CHANNEL, ALERT_MESSAGE, "alice", "alice", "👀", h.clock.instant(), true), h.channel);
        h.react("alice", "some-other-message", "eyes");
        h.react("alice", ALERT_MESSAGE, "👍");
        assertThat(ack()).isEmpty();

        h.react("alice", ALERT_MESSAGE, "eyes");
        assertThat(ack()).hasValueSatisfying(a -> assertThat(a.via()).isEqualTo("reaction"));
        assertThat(h.channel.text()).contains("Incident #7 acknowledged by alice");
        assertThat(h.app.approvals().store().<java.util.List<AuditEntry>>transaction(tx -> tx.recentAudit(20)))
                .extracting(AuditEntry::commandLine).contains("👀 on incident #7");
    }
}
