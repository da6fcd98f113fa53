package io.slurmops.commands.slurm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fatal lines slurmctld 22.05.8 wrote on the lab for each garbled state file (docs/runbooks.md). */
class StateFileErrorsTest {

    @Test
    void everyLineSeenOnTheLabNamesItsFile() {
        String tail = "start with '-i' to ignore this. Warning: using -i will lose the data that can't be recovered.";
        assertThat(StateFileErrors.fileOf("[2026-12-03T12:53:10.084] fatal: Incomplete job state save file, " + tail)).hasValue("job_state");
        assertThat(StateFileErrors.fileOf("fatal: Incomplete node data checkpoint file, " + tail)).hasValue("node_state");
        assertThat(StateFileErrors.fileOf("fatal: Incomplete reservation data checkpoint file, " + tail)).hasValue("resv_state");
        assertThat(StateFileErrors.fileOf("fatal: Incomplete trigger data checkpoint file, " + tail)).hasValue("trigger_state");
        assertThat(StateFileErrors.fileOf("fatal: Can not recover fed_mgr state, incompatible version, got 8844 need > 9216 <= 9728, "
                + tail)).hasValue("fed_mgr_state");
        assertThat(StateFileErrors.fileOf("fatal: Can not recover assoc_usage state, incompatible version, got 51173 need >= 9216 <= 9728, "
                + tail)).hasValue("assoc_usage");
        assertThat(StateFileErrors.fileOf("fatal: Can not recover qos_usage state, incompatible version, got 54226 need >= 9216 <= 9728, "
                + tail)).hasValue("qos_usage");
        assertThat(StateFileErrors.fileOf("fatal: Can not recover last_conf_lite, incompatible version, (44686 not between 9216 and 9728), "
                + tail)).hasValue("last_config_lite");
        assertThat(StateFileErrors.fileOf("error: Could not open job state file /x/job_state: Invalid argument")).isEmpty();
    }

    @Test
    void onlyWhatSlurmctldSaidSinceItsLastStartCounts() {
        String log = """
                [t1] slurmctld version 22.05.8 started on cluster lab
                [t1] fatal: Incomplete job state save file, start with '-i' to ignore this.
                [t2] slurmctld version 22.05.8 started on cluster lab
                [t2] Running as primary controller
                """;
        assertThat(StateFileErrors.in(log)).extracting(StateFileErrors.Unreadable::file).containsExactly("job_state");
        assertThat(StateFileErrors.in(StateFileErrors.sinceLastStart(log))).isEmpty();
    }
}
