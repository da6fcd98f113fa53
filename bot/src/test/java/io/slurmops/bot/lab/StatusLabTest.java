package io.slurmops.bot.lab;

import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** status and nodes against the real lab cluster, through the same pipeline as chat. */
@LabTest
class StatusLabTest {

    private static Application app;
    private static java.nio.file.Path state;

    @BeforeAll
    static void start() throws Exception {
        // A store of its own: never the lab's shared /var/lib/slurmops-lab.
        state = java.nio.file.Files.createTempDirectory("slurmops-state-");
        app = Application.start(LabBots.labConfig("lab.yaml", state));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static BotResponse say(String user, String line) {
        String id = UUID.randomUUID().toString();
        return app.bot().handle(new ChatMessage("console", id, "console", user, user, line, id, Instant.now()));
    }

    @Test
    void statusShowsTheRealClusterAndADrainedNodeWithItsReason() throws Exception {
        BotResponse healthy = say("carol", "!slurm status");
        assertThat(healthy.outcome()).isEqualTo(Outcome.DONE);
        String text = healthy.reply().toPlainText();
        assertThat(text).contains("Cluster lab: controller UP").contains("primary").contains("UP")
                .contains("nodes 4 (").contains("running").contains("pending");

        String reason = "bad DIMM " + UUID.randomUUID().toString().substring(0, 6);
        try {
            assertThat(LabCluster.exec(List.of("scontrol", "update", "NodeName=node003", "State=drain",
                    "Reason=" + reason), 30).exitCode()).isZero();
            String drained = say("carol", "!slurm status").reply().toPlainText();
            assertThat(drained).contains("Problem nodes").contains("node003").contains("drained").contains(reason);
            String nodes = say("carol", "!slurm nodes drained").reply().toPlainText();
            assertThat(nodes).contains("1 of 4 nodes").contains("node003").contains(reason)
                    .doesNotContain("node001");
        } finally {
            LabCluster.exec(List.of("scontrol", "update", "NodeName=node003", "State=resume"), 30);
        }
    }

    @Test
    void nodesByHostlistNamesUnknownNodesAndRejectsBadHostlists() {
        String text = say("carol", "!slurm nodes node[001-002],node099").reply().toPlainText();
        assertThat(text).contains("2 of 4 nodes").contains("Not nodes of this cluster: `node099`");
        BotResponse bad = say("carol", "!slurm nodes node[3-1]");
        assertThat(bad.outcome()).isEqualTo(Outcome.USAGE);
        assertThat(bad.reply().toPlainText()).contains("lo > hi").contains("Usage: `!slurm nodes [STATE|HOSTLIST]`");
    }

    @Test
    void cliRunPrintsTheLabState() throws Exception {
        // config/lab.yaml with this test's store in place of the lab's shared one.
        String lab = java.nio.file.Files.readString(LabCluster.repoRoot().resolve("config/lab.yaml"));
        String own = lab.replace("${SLURMOPS_STATE:-/var/lib/slurmops-lab}", state.resolve("cli").toString());
        assertThat(own).isNotEqualTo(lab);
        java.nio.file.Path config = java.nio.file.Files.writeString(state.resolve("lab.yaml"), own);
        io.slurmops.bot.cli.CliAccess.Run r = io.slurmops.bot.cli.CliAccess.run("run", "--config", config.toString(),
                "!slurm status");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Cluster lab: controller UP");
    }
}
