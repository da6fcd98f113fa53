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

    private static final String NODE = "node003";

    @TempDir
    Path state;

    @AfterEach
    void putTheNodeBack() throws Exception {
        SlurmopsProcess.resume(NODE);
    }

    @Test
    void consoleAndRunProcessesShareOneStoreAndTheNodeReallyChanges() throws Exception {
        assertThat(SlurmopsProcess.state(NODE)).as("lab node free to use").startsWith("idle");
        SlurmopsConfig config = new ConfigLoader(Map.of("SLURMOPS_STATE", state.toString()))
                .load(LabCluster.repoRoot().resolve("config/lab.yaml"));
        try (Application app = Application.start(config); ConsoleDriver console = new ConsoleDriver(app, "alice", "console")) {
            console.type("!slurm drain " + NODE + " console drill");
            String planMessage = console.await("vote with /react (m\\d+) ", 0, 30_000);
            int mark = console.screen().length();
            console.type("/react " + planMessage + " ✅");
            console.await("vote not counted: alice requested #1", mark, 10_000);
            assertThat(SlurmopsProcess.state(NODE)).startsWith("idle");

            console.type("/as bob");
            mark = console.screen().length();
            console.type("/react " + planMessage + " 👍🏽");
            console.await("#1 Drain node003: console drill \\[alice #1\\] — done", mark, 30_000);
            assertThat(SlurmopsProcess.state(NODE)).isEqualTo("drained");
            assertThat(SlurmopsProcess.reason(NODE)).isEqualTo("console drill [alice #1]");

            var ask = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm resume " + NODE);
            assertThat(ask.exitCode()).as(ask.output()).isZero();
            assertThat(ask.output()).contains("#2 needs 1 approval");
            mark = console.screen().length();
            console.type("!slurm pending");
            console.await("#2 `!slurm resume node003` — alice — 0/1", mark, 10_000);
            console.type("!slurm approve 2 checked in the console");
            console.await("#2 Resume node003 — done", mark, 30_000);
            assertThat(SlurmopsProcess.state(NODE)).matches("idle\\*?|mixed|allocated");

            var audit = SlurmopsProcess.run(state, "audit", "--request", "2");
            assertThat(audit.output()).contains("VOTE         bob @console/console  approve via command: checked in the console")
                    .contains("REQUESTED    alice @cli/console");
        }
    }
}
