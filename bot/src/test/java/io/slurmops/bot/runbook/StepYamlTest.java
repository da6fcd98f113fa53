package io.slurmops.bot.runbook;

import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every action key the YAML accepts reads into the typed action of that kind, with the check the
 * engine will run: the YAML spelling and the closed set in commands stay one set.
 */
class StepYamlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "start: slurmdbd                                          | start                 | dbd-responds",
            "stop: slurmd\\n    on: node[001-002]                     | stop                  | service-inactive",
            "restart: mariadb                                         | restart               | service-active",
            "copy: {from: '${configDir}', to: /backup/etc}             | copy                  | manifest-matches",
            "db-dump: /backup/db.sql.gz                               | db-dump               | dump-restores",
            "scontrol: [ping]                                         | scontrol              | command",
            "sacctmgr: [show, cluster]                                | sacctmgr              | command",
            "resume-nodes-set-down: true                              | resume-nodes-set-down | nodes-responding",
            "wait-until: {nodes-responding: all-nodes}\\n    timeout: 2m | wait-until            | nodes-responding",
            "run: [/usr/bin/true]\\n    on: controller\\n    destructive: false\\n    check: dbd-responds | run | dbd-responds",
    })
    void each_action_key_reads_into_its_typed_action(String yaml, String kind, String check) {
        String text = """
                name: one
                risk: destructive
                values:
                  configDir: {type: config-dir, known: plan, default: /etc/slurm}
                steps:
                  - id: s
                    %s
                verify:
                  - controller-up
                """.formatted(yaml.replace("\\n", "\n"));

        RunbookYaml.Result r = RunbookYaml.read("one.yaml", text);

        assertThat(r.problems()).isEmpty();
        Step s = r.runbook().map(Runbook::steps).orElseThrow().get(0);
        assertThat(s.action().kind()).isEqualTo(kind);
        assertThat(s.effectiveCheck().orElseThrow().kind()).isEqualTo(check);
        assertThat(s.location().line()).isEqualTo(6);
        assertThat(StepYaml.ACTIONS).contains(kind);
    }
}
