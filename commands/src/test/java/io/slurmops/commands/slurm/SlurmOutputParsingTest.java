package io.slurmops.commands.slurm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlurmOutputParsingTest {

    @Test
    void pingParsesPrimaryAndBackupAndIgnoresTheBanner() {
        String out = "Slurmctld(primary) at vm is DOWN\nSlurmctld(backup) at vm2 is UP\n"
                + "*****************************************\n** RESTORE SLURMCTLD DAEMON TO SERVICE **\n";
        assertThat(ControllerPing.parse(out)).containsExactly(
                new ControllerPing("primary", "vm", false), new ControllerPing("backup", "vm2", true));
    }

    @Test
    void sinfoRecordsKeepReasonWithDelimiterAndDropPartitionDuplicates() {
        // One node a line (the -N shape, and groups of one); node003 is in two partitions.
        String out = "node001|idle|Unknown|Unknown|none\n"
                + "node003|drained|root|2026-11-25T22:40:01|bad | DIMM slot 3\n"
                + "node003|drained|root|2026-11-25T22:40:01|bad | DIMM slot 3\n"
                + "node004|down*|slurm|2026-11-25T22:22:01|Not responding\n";
        List<NodeRecord> nodes = NodeRecord.parseSinfo(out);
        assertThat(nodes).extracting(NodeRecord::name).containsExactly("node001", "node003", "node004");
        assertThat(nodes.get(0).hasReason()).isFalse();
        assertThat(nodes.get(1).reason()).isEqualTo("bad | DIMM slot 3");
        assertThat(nodes.get(1).reasonWithOrigin()).isEqualTo("bad | DIMM slot 3 (root, 2026-11-25T22:40:01)");
        assertThat(nodes.get(2).state().notResponding()).isTrue();
        assertThat(nodes.get(2).state().isDown()).isTrue();
    }

    @Test
    void groupedSinfoLinesAreExpandedToOneRecordPerNodeInHostListOrder() {
        // sinfo -h -o '%N|%T|%u|%H|%E' (no -N): one line per partition and state+reason group; node003
        // is in partitions debug and big; a reason with a newline runs on over the next line.
        String out = "node[002,010]|idle|Unknown|Unknown|none\n"
                + "node[003-004]|drained|root|2026-11-25T22:40:01|rack 7 | PDU\nswapped\n"
                + "node001|down*|slurm|2026-11-25T22:22:01|Not responding\n"
                + "node003|drained|root|2026-11-25T22:40:01|rack 7 | PDU\nswapped\n";
        List<NodeRecord> nodes = NodeRecord.parseSinfo(out);
        assertThat(nodes).extracting(NodeRecord::name)
                .containsExactly("node001", "node002", "node003", "node004", "node010");
        assertThat(nodes.get(2).reason()).isEqualTo("rack 7 | PDU\nswapped");
        assertThat(nodes.get(3).reason()).isEqualTo("rack 7 | PDU\nswapped");
        assertThat(nodes.get(0).state().notResponding()).isTrue();
        assertThat(nodes.get(4).hasReason()).isFalse();
    }

    @Test
    void sinfoLineWithTooFewFieldsIsAnError() {
        assertThatThrownBy(() -> NodeRecord.parseSinfo("node001|idle\n")).hasMessageContaining("node001|idle");
    }

    @Test
    void nodeStatesClassifyProblemsAndFilters() {
        assertThat(NodeState.parse("idle").isProblem()).isFalse();
        assertThat(NodeState.parse("mixed-").isProblem()).isFalse();
        assertThat(NodeState.parse("idle*").isProblem()).isTrue();
        assertThat(NodeState.parse("drained").isProblem()).isTrue();
        assertThat(NodeState.parse("draining@").base()).isEqualTo("draining");
        assertThat(NodeState.parse("DOWN*").display()).isEqualTo("down*");
        assertThat(NodeState.parse("drained").matches("drain")).isTrue();
        assertThat(NodeState.parse("draining").matches("drain")).isTrue();
        assertThat(NodeState.parse("draining").matches("drained")).isFalse();
        assertThat(NodeState.parse("allocated").matches("alloc")).isTrue();
        assertThat(NodeState.parse("idle*").matches("not_responding")).isTrue();
        assertThat(NodeState.isStateName("drained")).isTrue();
        assertThat(NodeState.isStateName("node001")).isFalse();
    }

    @Test
    void groupsFoldNodesWithTheSameStateAndReason() {
        List<NodeRecord> nodes = NodeRecord.parseSinfo("a1|drained|root|t|x\na2|drained|root|t|x\na3|drained|root|t|y\n");
        List<NodeGroups.Group> groups = NodeGroups.fold(nodes);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).count()).isEqualTo(2);
        assertThat(NodeGroups.table(groups)).contains("drained").contains("x (root, t)").contains("y (root, t)");
    }

    @Test
    void jobCountsTallyStates() {
        JobCounts c = JobCounts.parse("RUNNING\nPENDING\nRUNNING\n\n");
        assertThat(c.count("RUNNING")).isEqualTo(2);
        assertThat(c.count("PENDING")).isEqualTo(1);
        assertThat(c.count("COMPLETING")).isZero();
    }
}
