package io.slurmops.commands.change;

import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import static io.slurmops.testing.FakeCluster.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runbook's order mariadb → slurmdbd → slurmctld → slurmd, and the node repairs built on it. */
class ServiceCommandsTest {

    @Test
    void startingSlurmctldWhileSlurmdbdIsDownIsRefusedWithTheFix() {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2).service(CONTROLLER, "slurmctld", false)
                .service(CONTROLLER, "slurmdbd", false));
        assertThatThrownBy(() -> f.plan("!slurm start slurmctld")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("slurmdbd is down").hasMessageContaining("start slurmdbd first");
    }

    @Test
    void startingInOrderIsAllowedAndRunsTheSiteServiceManager() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2).service(CONTROLLER, "slurmctld", false)
                .service(CONTROLLER, "slurmdbd", false));
        ChangeFixture.Planned dbd = f.plan("!slurm start slurmdbd");
        assertThat(dbd.plan().steps().get(0).argv()).containsExactly("systemctl", "start", "slurmdbd");
        assertThat(f.run(dbd).ok()).isTrue();
        ChangeFixture.Planned ctld = f.plan("!slurm start slurmctld");
        assertThat(f.run(ctld).ok()).isTrue();
        assertThat(f.cluster.serviceUp(CONTROLLER, "slurmctld")).isTrue();
    }

    @Test
    void stoppingSlurmdbdWhileSlurmctldRunsIsRefusedAndSoIsStoppingMariadbUnderSlurmdbd() {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2));
        assertThatThrownBy(() -> f.plan("!slurm stop slurmdbd")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("while slurmctld is running").hasMessageContaining("stop slurmctld first");
        assertThatThrownBy(() -> f.plan("!slurm stop mariadb")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("while slurmdbd is running");
        assertThatThrownBy(() -> f.plan("!slurm stop munge")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("slurmctld");
    }

    @Test
    void restartingSlurmdbdUnderARunningSlurmctldIsAllowed() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2));
        assertThat(f.plan("!slurm restart slurmdbd").plan().steps().get(0).argv())
                .containsExactly("systemctl", "restart", "slurmdbd");
    }

    @Test
    void slurmdNeedsTheControllerAndMungeOnTheNode() {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(3).service("node002", "munge", false));
        assertThatThrownBy(() -> f.plan("!slurm start slurmd node[001-003]")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("node002").hasMessageContaining("munge");
        f.cluster.service("node002", "munge", true).service(CONTROLLER, "slurmctld", false);
        assertThatThrownBy(() -> f.plan("!slurm restart slurmd node001")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("start slurmctld first");
    }

    /** Fault matrix (issue 18): a node that does not answer was reported as "munge is not running there". */
    @Test
    void aNodeThatDoesNotAnswerIsNotReportedAsMungeDown() {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(3).service("node003", "munge", false)
                .hook(c -> c.host().equals("node002") ? java.util.Optional.of(FakeCluster.unreachable(c))
                        : java.util.Optional.empty()));
        assertThatThrownBy(() -> f.plan("!slurm restart slurmd node[002-003]")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("node002: the node did not answer").hasMessageContaining("check its network and sshd")
                .hasMessageContaining("node003: munge is not running there")
                .hasMessageNotContaining("node[002-003]");
    }

    @Test
    void serviceNamesAndSidesAreChecked() {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2));
        assertThatThrownBy(() -> f.plan("!slurm start slurmd")).isInstanceOf(UsageException.class)
                .hasMessageContaining("name them");
        assertThatThrownBy(() -> f.plan("!slurm stop slurmctld node001")).isInstanceOf(UsageException.class)
                .hasMessageContaining("controller side");
        assertThatThrownBy(() -> f.plan("!slurm restart httpd")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown service");
    }

    @Test
    void restartSlurmdResumesOnlyOutOfServiceNodesWhoseRestartWorked() throws UsageException {
        FakeCluster c = FakeCluster.withNodes(4).node("node001", "down*", "Not responding")
                .node("node002", "drained", "slurmd hung").node("node003", "drained", "NHC: bad mount");
        c.hook(cmd -> cmd.host().equals("node002") && cmd.argv().contains("restart")
                ? java.util.Optional.of(FakeCluster.unreachable(cmd)) : java.util.Optional.empty());
        ChangeFixture f = new ChangeFixture(c);
        ChangeFixture.Planned p = f.plan("!slurm restart slurmd node[001-004]");
        assertThat(p.plan().steps()).hasSize(2);
        assertThat(p.plan().steps().get(0).hosts()).containsExactly("node001", "node002", "node003", "node004");
        assertThat(p.plan().steps().get(1).hosts()).containsExactly("node001", "node002");
        assertThat(p.plan().notes()).anyMatch(n -> n.contains("node003") && n.contains("--force"));
        var r = f.run(p);
        assertThat(r.ok()).isFalse();
        assertThat(c.ran("scontrol", "update")).singleElement()
                .satisfies(cmd -> assertThat(cmd.argv()).contains("NodeName=node001"));
        assertThat(c.node("node001").state()).isEqualTo("idle");
        assertThat(c.node("node002").state()).isEqualTo("drained");
    }

    @Test
    void restartSlurmdLeavesSelfReturningDownNodesToSlurm() throws UsageException {
        // With ReturnToService=2 a down node re-registers by itself; RESUME would then fail with
        // "Invalid node state specified" (seen on the lab), so only drained nodes get a resume step.
        FakeCluster c = FakeCluster.withNodes(2).node("node001", "down*", "Not responding")
                .node("node002", "drained", "slurmd hung");
        c.hook(cmd -> String.join(" ", cmd.argv()).endsWith("scontrol show config")
                ? java.util.Optional.of(io.slurmops.commands.exec.ExecResult.exited(cmd, 0,
                        "ReturnToService         = 2\nSlurmdTimeout           = 5 sec\n", "", java.time.Duration.ZERO))
                : java.util.Optional.empty());
        ChangeFixture.Planned p = new ChangeFixture(c).plan("!slurm restart slurmd node[001-002]");
        assertThat(p.plan().steps()).hasSize(2);
        assertThat(p.plan().steps().get(1).hosts()).containsExactly("node002");
        assertThat(p.plan().notes()).anyMatch(n -> n.contains("node001") && n.contains("ReturnToService=2"));
    }

    @Test
    void gpuResetChainsPersistenceRestartAndResume() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2).node("node001", "drained", "gpu lost"));
        ChangeFixture.Planned p = f.plan("!slurm gpu reset node[001-002]");
        assertThat(p.plan().steps()).extracting(s -> s.argv().get(0)).containsExactly("nvidia-smi", "systemctl", "scontrol");
        assertThat(p.plan().steps().get(1).onlyWhereSucceeded()).isEqualTo(1);
        assertThat(p.plan().steps().get(2).onlyWhereSucceeded()).isEqualTo(2);
        assertThat(f.run(p).ok()).isTrue();
        assertThat(f.cluster.node("node001").state()).isEqualTo("idle");
    }

    @Test
    void reconfigNeedsALiveControllerAndTakeoverABackup() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(1));
        assertThat(f.plan("!slurm reconfig").plan().steps().get(0).argv()).containsExactly("scontrol", "reconfig");
        assertThatThrownBy(() -> f.plan("!slurm takeover")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("no backup controller");
        f.cluster.service(CONTROLLER, "slurmctld", false);
        assertThatThrownBy(() -> f.plan("!slurm reconfig")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("scontrol ping");
    }
}
