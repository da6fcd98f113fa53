package io.slurmops.commands.read;

import io.slurmops.commands.catalog.UsageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad input is one clear line plus the correct form, before anything runs on a node. */
class UsageErrorsTest {

    private final ScriptedCluster cluster = ScriptedCluster.lab()
            .on("localhost", "scontrol show job", exit(1, "", "slurm_load_jobs error: Invalid job id specified\n"))
            .on("localhost", "sacct", ok(""))
            .on("localhost", "sacctmgr -P -n show assoc", ok(""));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "!slurm node node[3-1]           | bad host list `node[3-1]`          | !slurm node HOST",
            "!slurm node node099             | not a node of this cluster: `node099` | !slurm node HOST",
            "!slurm node node[001-002]       | takes one host                      | !slurm node HOST",
            "!slurm job 12ab                 | `12ab` is not a job id              | !slurm job JOBID",
            "!slurm job 424242               | unknown job 424242                  | !slurm job JOBID",
            "!slurm queue --user 'a b'       | --user takes a user name            | !slurm queue [--user USER] [--partition PARTITION] [--state STATE]",
            "!slurm queue --partition x;rm   | --partition takes a partition name  | !slurm queue [--user USER] [--partition PARTITION] [--state STATE]",
            "!slurm queue --state sleeping   | --state `sleeping` is not a job state | !slurm queue [--user USER] [--partition PARTITION] [--state STATE]",
            "!slurm limits ../etc            | is not a user name                  | !slurm limits USER",
            "!slurm limits nobody            | has no association in accounting    | !slurm limits USER",
            "!slurm logs slurmd              | the slurmd log is on each node      | !slurm logs DAEMON [HOST] [--lines N] [--grep RE]",
            "!slurm logs slurmctld --lines 0 | --lines takes a whole number from 1 to 500 | !slurm logs DAEMON [HOST] [--lines N] [--grep RE]",
            "!slurm logs slurmctld --lines x | --lines takes a whole number from 1 to 500 | !slurm logs DAEMON [HOST] [--lines N] [--grep RE]",
            "!slurm logs slurmctld --grep (  | is not a valid regular expression   | !slurm logs DAEMON [HOST] [--lines N] [--grep RE]",
            "!slurm logs kernel              | no log configured for `kernel`      | !slurm logs DAEMON [HOST] [--lines N] [--grep RE]",
            "!slurm logs slurmd node077      | not a node of this cluster: `node077` | !slurm logs DAEMON [HOST] [--lines N] [--grep RE]",
            "!slurm check munge n[1-3        | bad host list                       | !slurm check munge [HOSTLIST]",
            "!slurm check config node009     | not a node of this cluster          | !slurm check config [HOSTLIST]",
            "!slurm check hw                 | needs HOSTLIST                      | !slurm check hw HOSTLIST",
            "!slurm services node[001-005]   | not a node of this cluster: `node005` | !slurm services [HOSTLIST]",
    })
    void badInputIsAUsageErrorWithTheCorrectForm(String line, String message, String correctForm) {
        assertThatThrownBy(() -> cluster.run(line)).isInstanceOfSatisfying(UsageException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(message).doesNotContain("\n");
            org.assertj.core.api.Assertions.assertThat(e.correctForm()).isEqualTo(correctForm);
        });
        org.assertj.core.api.Assertions.assertThat(cluster.calls).noneMatch(c -> !c.isLocal());
    }
}
