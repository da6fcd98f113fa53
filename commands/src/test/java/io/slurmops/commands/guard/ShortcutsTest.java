package io.slurmops.commands.guard;

import io.slurmops.commands.catalog.ChatLineTokenizer;
import io.slurmops.commands.catalog.JobEffect;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.plan.MassScope;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's shortcuts that backfire, as the grammar can type them, each with the runbook to use. */
class ShortcutsTest {

    private static Optional<Shortcut> typed(String line) throws UsageException {
        return Shortcuts.typed(ChatLineTokenizer.tokenize(line));
    }

    @ParameterizedTest(name = "{0} → {1}, {2}")
    @CsvSource(delimiter = '|', value = {
            "down ALL everything is broken              | down-all        | cluster-restart",
            "down all x                                 | down-all        | cluster-restart",
            "stop slurmd ALL                            | stop-slurmd-all | cluster-restart",
            "restart slurmctld slurmdbd                 | service-order   | cluster-restart",
            "restart slurmdbd slurmctld                 | service-order   | cluster-restart",
            "restart slurmdbd,slurmctld                 | service-order   | cluster-restart",
            "start slurmctld.service slurmdbd.service   | service-order   | cluster-restart",
            "stop slurmdbd slurmctld                    | service-order   | cluster-restart",
            "restart ALL                                | service-all     | cluster-restart",
            "rm -f /var/lib/slurm/*                     | delete-state    | ctld-state-recovery",
            "rm /var/lib/slurm/slurmctld.state          | delete-state    | ctld-state-recovery",
            "clear state                                | delete-state    | ctld-state-recovery",
            "delete /var/lib/slurm/slurmctld.state      | delete-state    | ctld-state-recovery",
            "reset statesave                            | delete-state    | ctld-state-recovery",
            "start slurmctld -c                         | delete-state    | ctld-state-recovery"})
    void eachShortcutNamesItsRunbook(String line, String id, String runbook) throws UsageException {
        Shortcut s = typed(line).orElseThrow(() -> new AssertionError("not refused: " + line));
        assertThat(s.id()).isEqualTo(id);
        assertThat(s.runbook()).isEqualTo(runbook);
        assertThat(s.refusal("!slurm")).contains("`!slurm runbook run " + runbook + "`").doesNotContain("{prefix}");
        assertThat(s.reply("!slurm").toPlainText()).contains("!slurm runbook run " + runbook).doesNotContain("{prefix}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"drain ALL maintenance", "down node001 dead", "restart slurmd ALL", "restart slurmdbd",
            "stop slurmctld", "restart slurmctld", "start slurmd node[001-004]", "gpu reset node001", "status",
            "clear drain node001", "resume ALL", "logs slurmctld --grep state"})
    void ordinaryCommandsAreNotShortcuts(String line) throws UsageException {
        assertThat(typed(line)).isEmpty();
    }

    @Test
    void theSafeOrderIsGivenForEachVerb() throws UsageException {
        assertThat(typed("restart slurmctld slurmdbd").orElseThrow().refusal("!slurm"))
                .contains("wrong order").contains("`!slurm restart slurmdbd`, then `!slurm restart slurmctld`");
        assertThat(typed("restart slurmdbd slurmctld").orElseThrow().refusal("!slurm"))
                .contains("together").contains("`!slurm restart slurmdbd`, then `!slurm restart slurmctld`");
        assertThat(typed("stop slurmdbd slurmctld").orElseThrow().refusal("!slurm"))
                .contains("wrong order").contains("`!slurm stop slurmctld`, then `!slurm stop slurmdbd`");
    }

    @Test
    void aDownOfEveryNodeByNameIsDownAll() {
        Plan down = plan("down", Map.of());
        assertThat(Shortcuts.planned(down, scope("down", 4, 4, false))).contains(Shortcuts.DOWN_ALL);
        assertThat(Shortcuts.planned(down, scope("down", 3, 4, false))).isEmpty();
        Plan stopSlurmd = plan("stop", Map.of("service", "slurmd"));
        assertThat(Shortcuts.planned(stopSlurmd, scope("stop", 4, 4, false))).contains(Shortcuts.STOP_SLURMD_ALL);
        assertThat(Shortcuts.planned(plan("drain", Map.of()), scope("drain", 4, 4, true))).isEmpty();
        assertThat(Shortcuts.planned(plan("restart slurmd", Map.of()), scope("restart slurmd", 4, 4, true))).isEmpty();
    }

    private static MassScope scope(String command, int targets, int cluster, boolean all) {
        return new MassScope(command, targets, cluster, all, targets == cluster, List.of(), 0, JobEffect.KEEP);
    }

    private static Plan plan(String command, Map<String, String> facts) {
        return new Plan(command, command, List.of(Step.onController("ctl", "x", List.of("true"), Duration.ofSeconds(1))),
                null, List.of(), facts);
    }
}
