package io.slurmops.bot.lab;

import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console chat open on the lab while `slurmops run` processes use the same store file: a drain
 * asked and approved by reaction in the console, a resume asked from a separate process and approved
 * in the console.
 */
@LabTest
class ConsoleApprovalLabTest {

    @TempDir
    Path state;
    private String node;

    @AfterEach
    void putTheNodeBack() throws Exception {
        if (node != null) {
            SlurmopsProcess.resume(node);
        }
    }

    @Test
    void consoleAndRunProcessesShareOneStoreAndTheNodeReallyChanges() throws Exception {
        // The lab is shared: take a node nobody else is using right now (node004 is ApprovalLabTest's).
        node = SlurmopsProcess.idleNode("node003", "node002", "node001");
        String target = node;
        SlurmopsConfig config = new ConfigLoader(Map.of("SLURMOPS_STATE", state.toString()))
                .load(LabCluster.repoRoot().resolve("config/lab.yaml"));
        try (Application app = Application.startLongRunning(config); ConsoleDriver console = new ConsoleDriver(app, "alice", "console")) {
            console.type("!slurm drain " + target + " console drill");
            String planMessage = console.await("vote with /react (m\\d+) ", 0, 30_000);
            int mark = console.screen().length();
            console.type("/react " + planMessage + " ✅");
            console.await("vote not counted: alice requested #1", mark, 10_000);
            assertThat(SlurmopsProcess.state(target)).startsWith("idle");

            console.type("/as bob");
            mark = console.screen().length();
            console.type("/react " + planMessage + " 👍🏽");
            console.await("#1 Drain " + target + ": console drill \\[alice #1\\] — done", mark, 30_000);
            assertThat(SlurmopsProcess.state(target)).isEqualTo("drained");
            assertThat(SlurmopsProcess.reason(target)).isEqualTo("console drill [alice #1]");

            var ask = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm resume " + target);
            assertThat(ask.exitCode()).as(ask.output()).isZero();
            assertThat(ask.output()).contains("#2 needs 1 approval");
            mark = console.screen().length();
            console.type("!slurm pending");
            console.await("#2 `!slurm resume " + target + "` — alice — 0/1", mark, 10_000);
            console.type("!slurm approve 2 checked in the console");
            console.await("#2 Resume " + target + " — done", mark, 30_000);
            assertThat(SlurmopsProcess.state(target)).matches("idle\\*?|mixed|allocated");

            var audit = SlurmopsProcess.run(state, "audit", "--request", "2");
            assertThat(audit.output()).contains("VOTE         bob @console/console  approve via command: checked in the console")
                    .contains("REQUESTED    alice @cli/console");
        }
    }
}
