package io.slurmops.commands.slurm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.slurmops.commands.slurm.Captured.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** scontrol show node/job/config, slurmd -C and scontrol ping on real 22.05.8 output. */
class ScontrolParsersTest {

    @Test
    void idleNodeKeepsSpacesInOsAndReadsHardware() {
        NodeDetail n = NodeDetail.parseAll(output("show-node-idle.txt")).get(0);
        assertThat(n.name()).isEqualTo("node001");
        assertThat(n.os()).isEqualTo("Linux 6.18.44-fc-v657 #1 SMP PREEMPT_DYNAMIC @0");
        assertThat(n.state()).isEqualTo("IDLE");
        assertThat(n.hasReason()).isFalse();
        assertThat(n.cpus()).isEqualTo(2);
        assertThat(n.sockets()).isEqualTo(1);
        assertThat(n.coresPerSocket()).isEqualTo(2);
        assertThat(n.threadsPerCore()).isEqualTo(1);
        assertThat(n.realMemoryMb()).isEqualTo(1000);
        assertThat(n.nodeAddr()).isEqualTo("10.250.0.11");
        assertThat(n.version()).isEqualTo("22.05.8");
        assertThat(n.fields()).containsEntry("CfgTRES", "cpu=2,mem=1000M,billing=2").containsEntry("AllocTRES", "");
    }

    @Test
    void drainedNodeHasCompoundStateAndAMultiLineReasonWithDelimitersAndEquals() {
        NodeDetail n = NodeDetail.parseAll(output("show-node-drained-multiline-reason.txt")).get(0);
        assertThat(n.state()).isEqualTo("IDLE+DRAIN");
        assertThat(n.stateFlags()).containsExactly("IDLE", "DRAIN");
        assertThat(n.isDrained()).isTrue();
        assertThat(n.isDown()).isFalse();
        // "slot=3" inside the reason must not become a key, and the second line belongs to it
        assertThat(n.reason()).isEqualTo("bad DIMM slot=3 | ticket 42\nsecond line of reason");
        assertThat(n.reasonUser()).isEqualTo("root");
        assertThat(n.reasonTime()).isEqualTo("2026-11-25T22:52:36");
        assertThat(n.fields()).doesNotContainKey("slot");
    }

    @Test
    void notRespondingNodeIsDownWithSlurmAsReasonUser() {
        NodeDetail n = NodeDetail.parseAll(output("show-node-down-not-responding.txt")).get(0);
        assertThat(n.state()).isEqualTo("DOWN+NOT_RESPONDING");
        assertThat(n.isDown()).isTrue();
        assertThat(n.notResponding()).isTrue();
        assertThat(n.reason()).isEqualTo("Not responding");
        assertThat(n.reasonUser()).isEqualTo("slurm");
    }

    @Test
    void allNodesAreSeparateRecords() {
        List<NodeDetail> all = NodeDetail.parseAll(output("show-node-all.txt"));
        assertThat(all).extracting(NodeDetail::name).containsExactly("node001", "node002", "node003", "node004");
        assertThat(all).allSatisfy(n -> assertThat(n.fields()).containsKeys("OS", "State", "RealMemory"));
    }

    @Test
    void slurmdMinusCReadsTheDetectedHardwareAndUptime() {
        HardwareConfig hw = HardwareConfig.parse(output("slurmd-C-node002.txt"));
        assertThat(hw).isEqualTo(new HardwareConfig("node002", 2, 1, 1, 2, 1, 24105, "0-00:22:13"));
        assertThat(HardwareConfig.parse(output("slurmd-C-head.txt")).nodeName()).isEqualTo("vm");
        assertThatThrownBy(() -> HardwareConfig.parse("slurmd: fatal: Unable to determine this slurmd's NodeName"))
                .hasMessageContaining("not slurmd -C output");
    }

    @Test
    void labHardwareDiffersFromTheDeclaredNodeOnlyInMemory() {
        NodeDetail configured = NodeDetail.parseAll(output("show-node-all.txt")).get(1);
        HardwareConfig detected = HardwareConfig.parse(output("slurmd-C-node002.txt"));
        List<HardwareConfig.Mismatch> m = configured.configuredHardware().compareWith(detected);
        assertThat(m).containsExactly(new HardwareConfig.Mismatch("RealMemory", 1000, 24105));
        assertThat(m.get(0).hardwareBelowConfig()).isFalse();
        assertThat(new HardwareConfig.Mismatch("CPUs", 64, 32).hardwareBelowConfig()).isTrue();
    }

    @Test
    void pendingJobOnADependencyKeepsTheDelimiterInItsName() {
        JobDetail j = JobDetail.parse(output("show-job-dependency.txt")).orElseThrow();
        assertThat(j.jobId()).isEqualTo("8");
        assertThat(j.name()).isEqualTo("dep job|x");
        assertThat(j.state()).isEqualTo("PENDING");
        assertThat(j.reason()).isEqualTo("Dependency");
        assertThat(j.dependency()).isEqualTo("afterok:7(unfulfilled)");
        assertThat(j.user()).isEqualTo("root");
        assertThat(j.tres()).isEqualTo("cpu=1,mem=1000M,node=1,billing=1");
        assertThat(j.requestedMemory()).contains(new MemorySize(1000L << 20, false));
    }

    @Test
    void reqNodeNotAvailReasonCarriesTheUnavailableNodes() {
        JobDetail j = JobDetail.parse(output("show-job-reqnodenotavail.txt")).orElseThrow();
        assertThat(j.reason()).isEqualTo("ReqNodeNotAvail,_UnavailableNodes:node002");
        assertThat(j.reasonText()).isEqualTo("ReqNodeNotAvail, UnavailableNodes:node002");
        assertThat(PendingReasons.builtIn().explain(j.reason())).hasValueSatisfying(e ->
                assertThat(e.name()).isEqualTo("ReqNodeNotAvail"));
    }

    @Test
    void runningJobHasBatchHostAndMemory() {
        JobDetail j = JobDetail.parse(output("show-job-running.txt")).orElseThrow();
        assertThat(j.state()).isEqualTo("RUNNING");
        assertThat(j.batchHost()).isEqualTo("node001");
        assertThat(j.minMemoryNode()).isEqualTo("100M");
        assertThat(j.fields()).containsEntry("AllocNode:Sid", "localhost:14288").containsEntry("CPUs/Task", "1");
    }

    @Test
    void invalidJobIdIsRecognised() {
        assertThat(JobDetail.isInvalidJobId(output("show-job-invalid.txt"))).isTrue();
        assertThat(JobDetail.parse(output("show-job-invalid.txt"))).isEmpty();
    }

    @Test
    void showConfigReadsControllersPortsTimeoutsAndAccounting() {
        SlurmConfig c = SlurmConfig.parse(output("show-config.txt"));
        assertThat(c.clusterName()).isEqualTo("lab");
        assertThat(c.controllers()).containsExactly(new SlurmConfig.ControllerHost(0, "vm", "10.250.0.1"));
        assertThat(c.controllers().get(0).role()).isEqualTo("primary");
        assertThat(c.controllers().get(0).target()).isEqualTo("10.250.0.1");
        assertThat(c.slurmctldPort()).isEqualTo(6817);
        assertThat(c.slurmdPort()).isEqualTo(6818);
        assertThat(c.accountingPort()).isEqualTo(6819);
        assertThat(c.accountingHost()).contains("localhost");
        assertThat(c.messageTimeout()).isEqualTo(3);
        assertThat(c.slurmdTimeout()).isEqualTo(5);
        assertThat(c.returnToService()).isEqualTo("2");
        assertThat(c.stateSaveLocation()).isEqualTo("/var/lib/slurmlab/slurm/state");
        assertThat(c.accountingStorageType()).isEqualTo("accounting_storage/slurmdbd");
        assertThat(c.get("SlurmctldAddr")).isEmpty();
    }

    @Test
    void showConfigWithABackupAndAPortRange() {
        SlurmConfig c = SlurmConfig.parse("SlurmctldHost[0]        = ctl1(10.0.0.1)\nSlurmctldHost[1]        = ctl2\n"
                + "SlurmctldPort           = 6817-6820\n");
        assertThat(c.controllers()).extracting(SlurmConfig.ControllerHost::role).containsExactly("primary", "backup");
        assertThat(c.controllers().get(1).target()).isEqualTo("ctl2");
        assertThat(c.slurmctldPort()).isEqualTo(6817);
    }

    @Test
    void pingUp() {
        assertThat(ControllerPing.parse(output("ping-up.txt"))).containsExactly(new ControllerPing("primary", "vm", true));
    }

    @Test
    void recordsSplitOnBlankAndWhitespaceOnlyLines() {
        List<Map<String, String>> r = ScontrolRecords.parse("A=1 B=x y\n   C=2\n   \nA=3\n", Set.of());
        assertThat(r).hasSize(2);
        assertThat(r.get(0)).containsExactly(Map.entry("A", "1"), Map.entry("B", "x y"), Map.entry("C", "2"));
    }
}
