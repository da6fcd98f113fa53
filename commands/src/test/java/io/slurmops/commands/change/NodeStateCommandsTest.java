package io.slurmops.commands.change;

import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.plan.PlanCodec;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.plan.PlanResult;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeStateCommandsTest {

    @Test
    void drainWritesTheTaggedReasonOnTheControllerAndShowsTheJobsThatKeepRunning() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(4).node("node002", "drained", "bad disk")
                .job("77", "bob", "sim", "RUNNING", "None", "node001"));
        ChangeFixture.Planned p = f.plan("!slurm drain node[001-002] kernel update");

        assertThat(p.plan().steps()).singleElement().satisfies(s -> {
            assertThat(s.via()).isEqualTo(FakeCluster.CONTROLLER);
            assertThat(s.argv()).containsExactly("scontrol", "update", "NodeName=node001", "State=DRAIN",
                    "Reason=kernel update [alice #12]");
        });
        assertThat(p.plan().blastRadius().jobs()).extracting(j -> j.user()).containsExactly("bob");
        assertThat(p.plan().notes()).anyMatch(n -> n.contains("node002") && n.contains("already out of service"));
        assertThat(f.cluster.ran("scontrol", "update")).as("planning never changes anything").isEmpty();

        PlanResult r = f.run(p);
        assertThat(r.ok()).isTrue();
        assertThat(f.cluster.node("node001")).isEqualTo(new FakeCluster.Node("drained", "kernel update [alice #12]"));
    }

    @Test
    void drainIsStaleOnceSomeoneElseDrainedTheNode() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2));
        ChangeFixture.Planned p = f.plan("!slurm drain node001 maint");
        assertThat(p.command().stillApplies(p.plan(), f.ctx)).isEmpty();
        f.cluster.node("node001", "drained", "other admin");
        assertThat(p.command().stillApplies(p.plan(), f.ctx)).hasValueSatisfying(s ->
                assertThat(s).contains("node001 is already drained").contains("other admin"));
    }

    @Test
    void unknownNodesAndBadHostlistsAreUsageErrorsWithTheCorrectForm() {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2));
        assertThatThrownBy(() -> f.plan("!slurm drain node[001-009] x")).isInstanceOf(UsageException.class)
                .isNotInstanceOf(PlanRefusedException.class).hasMessageContaining("node[003-009]");
        assertThatThrownBy(() -> f.plan("!slurm drain node[3-1] x")).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(((UsageException) e).correctForm()).isEqualTo("!slurm drain HOSTLIST REASON"));
        assertThatThrownBy(() -> f.plan("!slurm drain node001")).isInstanceOf(UsageException.class)
                .hasMessageContaining("REASON");
    }

    @Test
    void resumeSkipsHealthyNodesAndRefusesHealthCheckerDrainsUnlessForced() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(4).node("node001", "drained", "maint [bob #3]")
                .node("node002", "drained", "NHC: check_fs_mount: /scratch not mounted").node("node003", "down*", "Not responding"));
        ChangeFixture.Planned p = f.plan("!slurm resume node[001-004]");
        assertThat(p.plan().steps().get(0).hosts()).containsExactly("node001", "node003");
        assertThat(p.plan().notes()).anyMatch(n -> n.contains("node004") && n.contains("nothing to resume"))
                .anyMatch(n -> n.contains("node002") && n.contains("health checker") && n.contains("--force"))
                .anyMatch(n -> n.contains("node003 is not responding"));
        assertThat(f.run(p).ok()).isTrue();
        assertThat(f.cluster.ran("scontrol", "update")).singleElement()
                .satisfies(c -> assertThat(c.argv()).contains("NodeName=node[001,003]", "State=RESUME"));
        assertThat(f.cluster.node("node002").state()).isEqualTo("drained");

        ChangeFixture.Planned forced = f.plan("!slurm resume node002 --force");
        assertThat(forced.plan().steps().get(0).hosts()).containsExactly("node002");
        assertThatThrownBy(() -> f.plan("!slurm resume node002")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("nothing to resume").hasMessageContaining("NHC");
    }

    @Test
    void resumeIsStaleWhenTheNodeCameBackOrTheCheckerTookItMeanwhile() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2).node("node001", "drained", "maint"));
        ChangeFixture.Planned p = f.plan("!slurm resume node001");
        f.cluster.node("node001", "idle", "");
        assertThat(p.command().stillApplies(p.plan(), f.ctx)).hasValueSatisfying(s -> assertThat(s).contains("already back"));
        f.cluster.node("node001", "drained", "NHC: bad");
        assertThat(p.command().stillApplies(p.plan(), f.ctx)).hasValueSatisfying(s -> assertThat(s).contains("health checker"));
    }

    @Test
    void undrainTouchesOnlyDrainedNodes() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(3).node("node001", "draining", "x").node("node002", "down", "y"));
        ChangeFixture.Planned p = f.plan("!slurm undrain node[001-003]");
        assertThat(p.plan().steps().get(0).argv()).containsExactly("scontrol", "update", "NodeName=node001", "State=UNDRAIN");
    }

    @Test
    void downIsDestructiveCountsTheJobsItKillsAndIsStaleIfMoreRunLater() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(3).job("5", "bob", "a", "RUNNING", "None", "node001")
                .job("6", "carol", "b", "RUNNING", "None", "node002").job("7", "dave", "c", "RUNNING", "None", "node003"));
        ChangeFixture.Planned p = f.plan("!slurm down node[001-002] dead fan");
        assertThat(p.command().spec().risk().label()).isEqualTo("destructive");
        assertThat(p.plan().summary()).contains("kills 2 jobs");
        assertThat(p.plan().notes().get(0)).startsWith("KILLS 2 JOBS").contains("bob").contains("carol").doesNotContain("dave");
        assertThat(p.plan().steps().get(0).argv()).contains("State=DOWN", "Reason=dead fan [alice #12]");
        assertThat(p.command().stillApplies(p.plan(), f.ctx)).isEmpty();
        f.cluster.job("8", "erin", "d", "RUNNING", "None", "node002");
        assertThat(p.command().stillApplies(p.plan(), f.ctx)).hasValueSatisfying(s -> assertThat(s).contains("3 jobs"));
    }

    @Test
    void aPlanSurvivesTheStoreAndStillReChecks() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2).node("node001", "drained", "maint"));
        ChangeFixture.Planned p = f.plan("!slurm resume node001 --force");
        var stored = PlanCodec.decode(PlanCodec.encode(p.plan()));
        assertThat(stored.hash()).isEqualTo(p.plan().hash());
        assertThat(p.command().stillApplies(stored, f.ctx)).isEmpty();
    }
}
