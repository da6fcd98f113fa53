package io.slurmops.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast tier (-DexcludedGroups=lab) must need neither root nor the lab: nothing may start it then. */
class LabClusterTest {

    private final String before = System.getProperty("slurmops.excludedGroups");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("slurmops.excludedGroups");
        } else {
            System.setProperty("slurmops.excludedGroups", before);
        }
    }

    @Test
    void withTheLabGroupExcludedEnsureUpSkipsInsteadOfStartingTheLab() {
        System.setProperty("slurmops.excludedGroups", "lab");
        assertThat(LabCluster.labExcluded()).isTrue();
        assertThatThrownBy(LabCluster::ensureUp).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("excludedGroups=lab");
    }

    @Test
    void onlyTheLabGroupItselfCounts() {
        System.setProperty("slurmops.excludedGroups", "slow, lab");
        assertThat(LabCluster.labExcluded()).isTrue();
        System.setProperty("slurmops.excludedGroups", "labs");
        assertThat(LabCluster.labExcluded()).isFalse();
        System.setProperty("slurmops.excludedGroups", "${excludedGroups}");
        assertThat(LabCluster.labExcluded()).isFalse();
    }
}
