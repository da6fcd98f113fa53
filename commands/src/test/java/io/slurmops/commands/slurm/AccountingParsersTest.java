package io.slurmops.commands.slurm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slurmops.commands.slurm.Captured.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** sacct, squeue and sacctmgr on real 22.05.8 output, plus the memory forms of older releases. */
class AccountingParsersTest {

    @Test
    void sacctJobsAndStepsWithMaxRssOnTheStepsAndReqMemOnTheJob() {
        List<SacctRecord> r = SacctRecord.parse(output("sacct-jobs.txt"));
        assertThat(r).extracting(SacctRecord::jobId)
                .containsExactly("4", "4.batch", "4.0", "5", "5.batch", "6", "6.batch", "7", "8");
        SacctRecord job = r.get(0);
        assertThat(job.isJob()).isTrue();
        assertThat(job.reqMemSize()).contains(new MemorySize(200L << 20, false));
        assertThat(job.maxRssSize()).isEmpty();
        assertThat(r.get(2).isJob()).isFalse();
        assertThat(r.get(2).maxRssSize()).contains(new MemorySize(320688L << 10, false));
        assertThat(r.get(2).jobName()).isEqualTo("python3");
        assertThat(r.get(3).state()).isEqualTo("FAILED");
        assertThat(r.get(3).exitCode()).isEqualTo("3:0");
        assertThat(r.get(5).reqCpus()).isEqualTo(2);
        assertThat(r.get(5).reqMem()).isEqualTo("400M");
        assertThat(r.get(8).jobName()).isEqualTo("dep job|x");
        assertThat(r.get(8).nodeList()).isEqualTo("None assigned");
        assertThat(r).noneMatch(SacctRecord::looksOutOfMemory);
    }

    @Test
    void outOfMemoryFromStateOrExitSignal() {
        List<SacctRecord> r = SacctRecord.parse(
                "42|big|OUT_OF_MEMORY|0:125|4Gn||00:01:02|node003|UNLIMITED|1|1|debug|alice|2026-11-25T22:46:38|2026-11-25T22:47:40\n"
                        + "42.batch|batch|OUT_OF_MEMORY|0:125||4194300K|00:01:02|node003||1|1|||x|y\n"
                        + "43|c|CANCELLED by 0|0:0|1000M||00:00:01|node001|UNLIMITED|1|1|debug|bob|x|y\n");
        assertThat(r.get(0).looksOutOfMemory()).isTrue();
        assertThat(r.get(1).looksOutOfMemory()).isTrue();
        assertThat(r.get(2).baseState()).isEqualTo("CANCELLED");
        assertThat(r.get(2).looksOutOfMemory()).isFalse();
    }

    @Test
    void sacctLineWithTooFewFieldsIsAnError() {
        assertThatThrownBy(() -> SacctRecord.parse("4|memhog|COMPLETED\n")).hasMessageContaining("3 of 15 fields");
    }

    @Test
    void memorySizesInEveryFormSlurmPrints() {
        assertThat(MemorySize.parse("1000M")).contains(new MemorySize(1000L << 20, false));
        assertThat(MemorySize.parse("4Gn")).contains(new MemorySize(4L << 30, false));
        assertThat(MemorySize.parse("4Gc")).contains(new MemorySize(4L << 30, true));
        assertThat(MemorySize.parse("100Mc").orElseThrow().total(4)).isEqualTo(new MemorySize(400L << 20, false));
        assertThat(MemorySize.parse("1.50G").orElseThrow().bytes()).isEqualTo(3L << 29);
        assertThat(MemorySize.parse("320688K", "K").orElseThrow().human()).isEqualTo("313.2M");
        assertThat(MemorySize.parse("0", "K")).contains(new MemorySize(0, false));
        assertThat(MemorySize.parse("")).isEmpty();
        assertThatThrownBy(() -> MemorySize.parse("lots")).hasMessageContaining("not a Slurm memory size");
    }

    @Test
    void squeueSeparatesTheBareReasonFromStateDescAndKeepsDelimitersInNames() {
        List<QueueEntry> q = QueueEntry.parse(output("squeue.txt"));
        assertThat(q).extracting(QueueEntry::jobId).containsExactly("8", "7");
        assertThat(q.get(0).name()).isEqualTo("dep job|x");
        assertThat(q.get(0).reason()).isEqualTo("Dependency");
        assertThat(q.get(1).detailedReason()).isEqualTo("JobHeldUser");
        QueueEntry pinned = QueueEntry.parse(output("squeue-reqnodenotavail.txt")).get(0);
        assertThat(pinned.isPending()).isTrue();
        assertThat(pinned.detailedReason()).isEqualTo("ReqNodeNotAvail, UnavailableNodes:node002");
        assertThat(pinned.nodes()).isEqualTo(1);
    }

    @Test
    void associationsAndQos() {
        List<Association> a = Association.parse(output("assoc-root.txt"));
        assertThat(a).hasSize(1);
        assertThat(a.get(0).cluster()).isEqualTo("lab");
        assertThat(a.get(0).account()).isEqualTo("root");
        assertThat(a.get(0).qos()).containsExactly("normal");
        assertThat(a.get(0).maxWall()).isEmpty();
        List<QosLimits> q = QosLimits.parse(output("qos.txt"));
        assertThat(q).extracting(QosLimits::name).containsExactly("normal", "short");
        assertThat(q.get(1).maxWall()).isEqualTo("01:00:00");
        assertThat(q.get(0).maxWall()).isEmpty();
    }

    @Test
    void pendingReasonsExplainExactNamesAndStateDescriptions() {
        PendingReasons t = PendingReasons.builtIn();
        assertThat(t.rows()).hasSizeGreaterThanOrEqualTo(45);
        assertThat(t.explain("Priority").orElseThrow().fix()).contains("sprio");
        assertThat(t.explain("(JobHeldUser)").orElseThrow().fix()).contains("release");
        assertThat(t.explain("ReqNodeNotAvail, UnavailableNodes:node[01-02]").orElseThrow().name())
                .isEqualTo("ReqNodeNotAvail");
        assertThat(t.explain("ReqNodeNotAvail, Reserved for maintenance").orElseThrow().meaning())
                .contains("maintenance");
        assertThat(t.explain("launch_failed_requeued_held").orElseThrow().name()).isEqualTo("launch failed requeued held");
        assertThat(t.explain("QOSMaxWallDurationPerJobLimit").orElseThrow().fix()).contains("limits");
        assertThat(t.explain("SomethingNew")).isEmpty();
        assertThatThrownBy(() -> PendingReasons.parse("Resources only two | fields\n"))
                .hasMessageContaining("line 1");
    }

    @Test
    void sinfoWithAMultiLineReasonAndADownNode() {
        List<NodeRecord> drained = NodeRecord.parseSinfo(output("sinfo-nodes-drained.txt"));
        assertThat(drained).hasSize(4);
        assertThat(drained.get(3).reason()).isEqualTo("bad DIMM slot=3 | ticket 42\nsecond line of reason");
        List<NodeRecord> down = NodeRecord.parseSinfo(output("sinfo-nodes-down.txt"));
        assertThat(down.get(1).state().display()).isEqualTo("down*");
        assertThat(down.get(1).reason()).isEqualTo("Not responding");
    }
}
