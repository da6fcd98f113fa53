package io.slurmops.commands.runbook;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plan-time values are typed and required; run-time values cannot be given and stay unbound. */
class BoundRunbookTest {

    private final Runbook rb = new RunbookDraft().step("stop", RunbookDraft.stop(Service.SLURMCTLD))
            .step("copy", RunbookDraft.backupState(true)).build();

    @Test
    void defaults_fill_in_and_run_time_values_stay_as_written() {
        BoundRunbook b = BoundRunbook.bind(rb, Map.of("stateDir", "/var/lib/slurm"));

        assertThat(b.planValues()).containsExactly(Map.entry("stateDir", "/var/lib/slurm"), Map.entry("configDir", "/etc/slurm"));
        assertThat(b.text(Template.of("${stateDir} → ${backupDir}/state"))).isEqualTo("/var/lib/slurm → ${backupDir}/state");
    }

    @Test
    void a_missing_mistyped_unknown_or_run_time_value_is_refused_with_every_reason() {
        assertThatThrownBy(() -> BoundRunbook.bind(rb, Map.of("configDir", "etc", "backupDir", "/b", "nodes", "x")))
                .hasMessageContaining("`nodes` is not a value of runbook t")
                .hasMessageContaining("`stateDir` (state-dir) needs a value")
                .hasMessageContaining("`configDir` = `etc` must be an absolute path")
                .hasMessageContaining("`backupDir` is known only while the run goes");
    }

    @Test
    void the_hash_changes_with_a_bound_value() {
        String a = RunbookCanonical.hash(BoundRunbook.bind(rb, Map.of("stateDir", "/var/lib/slurm")));
        String b = RunbookCanonical.hash(BoundRunbook.bind(rb, Map.of("stateDir", "/var/lib/slurm2")));

        assertThat(a).hasSize(64).isNotEqualTo(b);
    }
}
