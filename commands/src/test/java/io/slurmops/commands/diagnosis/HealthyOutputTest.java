package io.slurmops.commands.diagnosis;

import io.slurmops.commands.slurm.Captured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** No knowledge-base pattern may fire on what a healthy lab prints: a false alarm is a bug. */
class HealthyOutputTest {

    private final KnowledgeBase kb = KnowledgeBase.builtIn();

    @ParameterizedTest
    @ValueSource(strings = {"show-node-idle.txt", "show-node-all.txt", "show-config.txt", "ping-up.txt",
            "slurmd-C-node002.txt", "slurmd-C-head.txt", "show-job-running.txt", "show-job-dependency.txt",
            "show-job-held.txt", "squeue.txt", "sacct-jobs.txt", "assoc-root.txt", "qos.txt", "sinfo-nodes.txt",
            "unmunge-success.txt", "slurmctld-healthy.log", "slurmd-healthy.log"})
    void healthyLabOutputMatchesNoDiagnosis(String file) {
        String text = Captured.output(file);
        assertThat(text).isNotBlank();
        assertThat(kb.match(text)).as(file).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"slurmctld: active", "slurmd: active", "munge: active", "mariadb: active",
            "slurmdbd: active", "port 6818 open on node002", "clock skew within 0.4 s on node002"})
    void healthyEvidenceLinesOfTheChecksMatchNoDiagnosis(String line) {
        assertThat(kb.match(line)).as(line).isEmpty();
    }
}
