package io.slurmops.commands.read;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Outcomes that name their own host fold across hosts; a group of one keeps the words as said. */
class HostFoldsTest {

    @Test
    void theHostsOwnNameAndAddressDoNotSplitTheGroups() {
        HostFolds f = new HostFolds()
                .add("unreachable: no route to sim00001:22", "sim00001")
                .add("unreachable: no route to sim00002:22", "sim00002")
                .add("connect to 10.0.0.1 port 6818 refused", "n1", "10.0.0.1")
                .add("connect to 10.0.0.12 port 6818 refused", "n12", "10.0.0.12")
                .add("connect to n7 (10.250.27.112) port 6818 failed", "n7")
                .add("connect to n8 (fd00::8) port 6818 failed", "n8")
                .add("active", "node001");
        assertThat(f.lines()).containsExactly(
                "sim[00001-00002] (2): unreachable: no route to HOST:22",
                "n[1,12] (2): connect to HOST port 6818 refused",
                "n[7-8] (2): connect to HOST port 6818 failed",
                "node001: active");
    }

    @Test
    void aNameInsideALongerWordOrAddressIsLeftAlone() {
        HostFolds f = new HostFolds()
                .add("connect to 10.0.0.12 failed (from 10.0.0.1.x)", "a", "10.0.0.1")
                .add("connect to 10.0.0.12 failed (from 10.0.0.1.x)", "b", "10.0.0.2")
                .add("n1 said n10 is down", "n1")
                .add("n3 said n10 is down", "n3");
        assertThat(f.lines()).containsExactly(
                "a,b (2): connect to 10.0.0.12 failed (from 10.0.0.1.x)",
                "n[1,3] (2): HOST said n10 is down");
    }
}
