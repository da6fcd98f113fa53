package io.slurmops.bot.approval;

import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may ask for what: roles × risks, deny by default, the refusal names the role needed. */
class RolesAndRisksTest {

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

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "carol   | !slurm nodes                    | DONE    | ",
            "mallory | !slurm nodes                    | REFUSED | needs the viewer role",
            "carol   | !slurm drain node001 maint      | REFUSED | needs the operator role; carol is viewer",
            "alice   | !slurm drain node001 maint      | PENDING | ",
            "bob     | !slurm drain node001 maint      | PENDING | ",
            "erin    | !slurm drain node001 maint      | PENDING | ",
            "alice   | !slurm down node001 dead        | REFUSED | needs the admin role; alice is operator",
            "bob     | !slurm down node001 dead        | REFUSED | needs the admin role",
            "erin    | !slurm down node001 dead        | PENDING | ",
            "mallory | !slurm restart slurmctld        | REFUSED | has no slurmops role",
            "alice   | !slurm restart slurmctld        | PENDING | ",
            "carol   | !slurm pending                  | DONE    | ",
            "carol   | !slurm audit                    | DONE    | "})
    void rolesTimesRisks(String user, String line, Outcome expected, String refusal) {
        BotResponse r = h.say(user, line);
        assertThat(r.outcome()).isEqualTo(expected);
        if (refusal != null) {
            assertThat(r.reply().toPlainText()).contains(refusal);
        }
        assertThat(h.channel.text()).as("every reply reaches the channel").contains(r.reply().title());
    }

    @Test
    void aChangeNeedsOneApprovalADestructiveOneTwo() {
        assertThat(h.say("alice", "!slurm drain node001 maint").reply().title()).startsWith("#1 needs 1 approval:");
        assertThat(h.say("erin", "!slurm down node002 dead").reply().title()).startsWith("#2 needs 2 approvals:");
        assertThat(h.request(1).approvalsNeeded()).isEqualTo(1);
        assertThat(h.request(2).approvalsNeeded()).isEqualTo(2);
    }

    @Test
    void aConfiguredOverrideMakesDrainDestructive(@TempDir Path other) throws Exception {
        try (ApprovalHarness strict = new ApprovalHarness(other, FakeCluster.withNodes(2),
                "  risk: {drain: destructive}")) {
            BotResponse byOperator = strict.say("alice", "!slurm drain node001 maint");
            assertThat(byOperator.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(byOperator.reply().toPlainText()).contains("destructive command and needs the admin role");
            BotResponse byAdmin = strict.say("erin", "!slurm drain node001 maint");
            assertThat(byAdmin.reply().title()).contains("needs 2 approvals");
        }
    }

    @Test
    void anOverrideCannotLetAChangeRunWithoutApproval(@TempDir Path other) {
        assertThatThrownBy(() -> new ApprovalHarness(other, FakeCluster.withNodes(1), "  risk: {drain: read}"))
                .hasMessageContaining("approvals.risk.drain").hasMessageContaining("cannot run without approval");
    }

    @Test
    void aPerChannelRoleLetsCarolApproveOnlyInThatChannel() {
        Transcript ops = new Transcript();
        h.say("alice", "!slurm drain node001 maint", "ops", ops);
        h.say("alice", "!slurm drain node002 maint", ApprovalHarness.CHANNEL, h.channel);
        BotResponse elsewhere = h.say("carol", "!slurm approve 2");
        assertThat(elsewhere.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(elsewhere.reply().toPlainText()).contains("carol is viewer; voting needs the approver role");
        BotResponse inOps = h.say("carol", "!slurm approve 1", "ops", ops);
        assertThat(inOps.outcome()).isEqualTo(Outcome.DONE);
        assertThat(h.cluster.node("node001").state()).isEqualTo("drained");
        assertThat(h.cluster.node("node002").state()).isEqualTo("idle");
    }

    @Test
    void thePlanMessageNamesWhoMayApproveAndNotTheRequester() {
        String plan = h.say("alice", "!slurm drain node001 maint").reply().toPlainText();
        assertThat(plan).contains("May approve  bob, dave, erin, frank").contains("not alice")
                .contains("ctl: scontrol update NodeName=node001 State=DRAIN 'Reason=maint [alice #1]'")
                .contains("Expires      10:15:00 UTC (in 15 min)").contains("Plan hash    sha256:");
        String bobsPlan = h.say("bob", "!slurm drain node002 maint").reply().toPlainText();
        assertThat(bobsPlan).contains("May approve  dave, erin, frank (");
    }
}
