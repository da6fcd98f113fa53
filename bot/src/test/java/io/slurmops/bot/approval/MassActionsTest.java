package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slide 21's mass actions through the whole pipeline: ALL, a whole partition or more than
 * approvals.massShare of the nodes (from massMinNodes on) need an admin requester and two approvals,
 * and the plan says how many jobs they kill.
 */
class MassActionsTest {

    @TempDir
    Path dir;

    /** Eight idle nodes, two running jobs on node001 and node002, one on node006. */
    private static FakeCluster eightNodesWithJobs() {
        return FakeCluster.withNodes(8)
                .job("101", "ann", "sim", "RUNNING", "None", "node001")
                .job("102", "ben", "train", "RUNNING", "None", "node002")
                .job("103", "ann", "post", "RUNNING", "None", "node006");
    }

    @Test
    void drainAllNeedsAnAdminAndTwoVotesAndSaysTheJobsFinish() throws Exception {
        try (ApprovalHarness h = new ApprovalHarness(dir, eightNodesWithJobs())) {
            BotResponse byOperator = h.say("alice", "!slurm drain ALL maintenance");
            assertThat(byOperator.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(byOperator.reply().toPlainText()).contains("mass action").contains("8 of 8 nodes (ALL")
                    .contains("needs an admin requester and 2 approvals; alice is operator");
            long refused = byOperator.requestId();
            assertThat(h.request(refused).state()).isEqualTo(RequestState.REJECTED);
            assertThat(h.trail(refused)).containsExactly(AuditKind.REQUESTED, AuditKind.REJECTED);
            assertThat(h.updates("State=DRAIN")).isZero();

            BotResponse byAdmin = h.say("erin", "!slurm drain ALL maintenance");
            long id = byAdmin.requestId();
            String plan = byAdmin.reply().toPlainText();
            assertThat(byAdmin.reply().title()).startsWith("#" + id + " needs 2 approvals: Drain node[001-008]");
            assertThat(plan).contains("Mass action").contains("8 of 8 nodes (ALL; the whole cluster; whole partition debug)")
                    .contains("needs an admin requester and 2 approvals")
                    .contains("Jobs killed").contains("kills 0 jobs: drain lets the 3 running jobs finish")
                    .contains("risk change, mass action");
            assertThat(h.request(id).approvalsNeeded()).isEqualTo(2);
            assertThat(h.audit(id)).filteredOn(e -> e.kind() == AuditKind.PLANNED).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("mass action: 8 of 8 nodes").contains("needs 2 approval"));

            assertThat(h.say("bob", "!slurm approve " + id).outcome()).isEqualTo(Outcome.PENDING);
            assertThat(h.updates("State=DRAIN")).as("one vote is not enough for a mass action").isZero();
            assertThat(h.say("dave", "!slurm approve " + id).outcome()).isEqualTo(Outcome.DONE);
            assertThat(h.updates("State=DRAIN")).isEqualTo(1);
            assertThat(h.cluster.node("node005").state()).isEqualTo("drained");
        }
    }

    @Test
    void aMassDownCountsTheJobsItKills() throws Exception {
        try (ApprovalHarness h = new ApprovalHarness(dir, eightNodesWithJobs())) {
            BotResponse r = h.say("erin", "!slurm down node[001-004] rack power");
            assertThat(r.outcome()).isEqualTo(Outcome.PENDING);
            assertThat(r.reply().toPlainText()).contains("4 of 8 nodes (50 %)").contains("kills 2 running jobs on them");
        }
    }

    @ParameterizedTest(name = "{0} on {1} nodes → {2} approvals")
    @CsvSource(delimiter = '|', value = {
            "!slurm restart slurmd node[001-003]   | 8  | 1",   // 3 nodes: below massMinNodes (4)
            "!slurm restart slurmd node[001-004]   | 8  | 2",   // 50 % of 8, from 4 nodes on
            "!slurm restart slurmd node[001-004]   | 20 | 1",   // 20 %: under the 25 % share
            "!slurm restart slurmd node[001-006]   | 20 | 2",   // 30 %
            "!slurm resume ALL                     | 2  | 2",   // ALL is mass whatever the size
            "!slurm restart slurmd node[001-003]   | 3  | 1"})  // a 3-node lab: the whole of it is not mass
    void theShareAndTheMinimumDecide(String line, int nodes, int approvals) throws Exception {
        FakeCluster cluster = FakeCluster.withNodes(nodes);
        cluster.node("node001", "drained", "x").node("node002", "drained", "y");
        try (ApprovalHarness h = new ApprovalHarness(dir, cluster)) {
            BotResponse r = h.say("erin", line);
            assertThat(r.outcome()).as(r.reply().toPlainText()).isEqualTo(Outcome.PENDING);
            assertThat(h.request(r.requestId()).approvalsNeeded()).isEqualTo(approvals);
            assertThat(r.reply().toPlainText().contains("Mass action")).isEqualTo(approvals == 2);
        }
    }

    @Test
    void aWholePartitionIsMassEvenUnderTheShare() throws Exception {
        FakeCluster cluster = FakeCluster.withNodes(20).partition("gpu", "node017", "node018", "node019", "node020");
        try (ApprovalHarness h = new ApprovalHarness(dir, cluster)) {
            BotResponse r = h.say("erin", "!slurm drain node[017-020] driver update");
            assertThat(r.reply().toPlainText()).contains("4 of 20 nodes (whole partition gpu)");
            assertThat(h.request(r.requestId()).approvalsNeeded()).isEqualTo(2);
            BotResponse part = h.say("erin", "!slurm drain node[018-020] driver update");
            assertThat(h.request(part.requestId()).approvalsNeeded()).as("3 of the 4: not the whole partition").isEqualTo(1);
        }
    }

    @Test
    void theShareAndMinimumAreConfigurable() throws Exception {
        try (ApprovalHarness h = new ApprovalHarness(dir, FakeCluster.withNodes(4),
                "  massShare: 40%\n  massMinNodes: 2")) {
            assertThat(h.request(h.say("erin", "!slurm drain node001 a").requestId()).approvalsNeeded()).isEqualTo(1);
            assertThat(h.request(h.say("erin", "!slurm drain node[002-003] b").requestId()).approvalsNeeded()).isEqualTo(2);
        }
    }

    @Test
    void aDownOfEveryNodeIsRefusedAsDownAllAndAudited() throws Exception {
        try (ApprovalHarness h = new ApprovalHarness(dir, eightNodesWithJobs())) {
            BotResponse r = h.say("erin", "!slurm down node[001-008] all broken");
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.reply().toPlainText()).contains("shortcut that backfires")
                    .contains("`!slurm runbook run cluster-restart`");
            List<AuditEntry> trail = h.audit(r.requestId());
            assertThat(trail).extracting(AuditEntry::kind).containsExactly(AuditKind.REQUESTED, AuditKind.REJECTED);
            assertThat(trail.get(1).detail()).contains("cluster-restart");
            assertThat(h.updates("State=DOWN")).isZero();
        }
    }

    @Test
    void stoppingSlurmdOnManyNodesSaysTheJobsAreAtRisk() throws Exception {
        try (ApprovalHarness h = new ApprovalHarness(dir, eightNodesWithJobs())) {
            BotResponse r = h.say("erin", "!slurm stop slurmd node[001-004]");
            assertThat(r.reply().toPlainText()).contains("Mass action")
                    .contains("kills 0 jobs now; the 2 running jobs are lost if the nodes stay stopped past SlurmdTimeout");
        }
    }
}
