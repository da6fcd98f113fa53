package io.slurmops.bot.lab;

import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node repair over SSH on the lab: node004's munge key file drifts from the controller's; the bot
 * finds it by digest, and after approval writes the key through stdin (owner munge, mode 0400),
 * restarts munge and slurmd on the node, and the node stays in service. The running munged keeps
 * its old key in memory until then, so the node never leaves service during the test.
 */
@LabTest
class NodeRepairLabTest {

    private static final String NODE = "node004";
    private static final String KEY = "/etc/munge/munge.key";
    private static final String CONF = "/etc/slurm/slurm.conf";

    @TempDir
    Path state;

    @AfterEach
    void restoreTheNode() throws Exception {
        for (String file : List.of(KEY, CONF)) {
            if (!nodeDigest(file).equals(headDigest(file))) {
                Process p = new ProcessBuilder(LabCluster.labScript().toString(), "node-exec", NODE, "sh", "-c",
                        "cat > " + file).redirectInput(new File(file)).start();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        SlurmopsProcess.resume(NODE);
    }

    @Test
    void aDriftedMungeKeyIsFoundByDigestAndRewrittenOverSshAfterApproval() throws Exception {
        SlurmopsProcess.idleNode(NODE);
        assertThat(LabCluster.onNode(NODE, "sh", "-c", "printf drifted-key-material > " + KEY).exitCode()).isZero();
        assertThat(nodeKeyDigest()).isNotEqualTo(headKeyDigest());

        // Only node004: other engineers may be running drills on the other nodes of the shared lab.
        LabCluster.Result ask = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm sync munge node004");
        assertThat(ask.exitCode()).as(ask.output()).isZero();
        assertThat(ask.output()).contains("#1 needs 1 approval: Sync the munge key to node004")
                .contains("node004: install -o munge -g munge -m 0400 /dev/stdin /etc/munge/munge.key")
                .contains("content not shown").doesNotContain("drifted-key-material");

        LabCluster.Result run = SlurmopsProcess.run(state, "run", "--as", "erin", "!slurm approve 1");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("3. Restart slurmd — 1/1 hosts ok");
        assertThat(nodeKeyDigest()).isEqualTo(headKeyDigest());
        assertThat(LabCluster.onNode(NODE, "stat", "-c", "%U:%G %a", KEY).output().strip()).isEqualTo("munge:munge 400");
        assertThat(LabCluster.onNode(NODE, "sh", "-c", "munge -n | unmunge").output()).contains("STATUS:          Success");
        assertThat(LabCluster.run(List.of("wait-idle", "30")).exitCode()).isZero();
    }

    @Test
    void aDriftedSlurmConfIsReplacedByTheControllersThenReconfigured() throws Exception {
        SlurmopsProcess.idleNode(NODE);
        // A comment is drift enough for the digest, and harmless to the shared lab.
        assertThat(LabCluster.onNode(NODE, "sh", "-c", "echo '# drift from a test' >> " + CONF).exitCode()).isZero();
        assertThat(nodeDigest(CONF)).isNotEqualTo(headDigest(CONF));

        LabCluster.Result ask = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm sync config " + NODE);
        assertThat(ask.exitCode()).as(ask.output()).isZero();
        assertThat(ask.output()).contains("node004: install -m 0644 /dev/stdin /etc/slurm/slurm.conf")
                .contains("localhost: scontrol reconfig").contains("sha256 " + headDigest(CONF).substring(0, 12));
        LabCluster.Result run = SlurmopsProcess.run(state, "run", "--as", "dave", "!slurm approve 1");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(nodeDigest(CONF)).isEqualTo(headDigest(CONF));
        assertThat(LabCluster.onNode(NODE, "stat", "-c", "%U:%G %a", CONF).output().strip()).isEqualTo("root:root 644");
    }

    private static String nodeKeyDigest() throws Exception {
        return nodeDigest(KEY);
    }

    private static String headKeyDigest() throws Exception {
        return headDigest(KEY);
    }

    private static String nodeDigest(String file) throws Exception {
        return LabCluster.onNode(NODE, "sha256sum", file).output().strip().split("\\s+")[0];
    }

    private static String headDigest(String file) throws Exception {
        return LabCluster.exec(List.of("sha256sum", file), 30).output().strip().split("\\s+")[0];
    }
}
