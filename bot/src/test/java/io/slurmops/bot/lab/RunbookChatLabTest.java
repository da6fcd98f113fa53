package io.slurmops.bot.lab;

import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A site runbook that the test writes into a temporary runbooks.siteDir (no Java for it) runs on the
 * real lab from chat, in separate one-shot slurmops processes sharing one store: asked by alice,
 * approved by bob, stopped at its gate with the node really drained, the gate passed by dave, the
 * node really back, the run done and the audit holding every step with its bound values.
 */
@LabTest
class RunbookChatLabTest {

    private static final String NODE = "node004";

    @TempDir
    Path state;

    @AfterEach
    void putTheNodeBack() throws Exception {
        SlurmopsProcess.resume(NODE);
    }

    @Test
    void aSiteRunbookDrainsAndResumesARealNodeThroughChatApprovalsAndAGate() throws Exception {
        SlurmopsProcess.idleNode(NODE);
        Path site = Files.createDirectories(state.resolve("runbooks"));
        Files.writeString(site.resolve("drain-cycle.yaml"), """
                name: drain-cycle
                title: Drain a node, then put it back
                risk: change
                values:
                  node: {type: hostlist, known: plan, description: the node to cycle}
                steps:
                  - id: drain
                    title: Drain ${node}
                    scontrol: [update, "NodeName=${node}", State=DRAIN, "Reason=runbook drain-cycle"]
                    check: {command: [scontrol, show, node, "${node}"]}
                    rollback: scontrol update NodeName=${node} State=RESUME
                  - id: resume
                    title: Resume ${node}
                    scontrol: [update, "NodeName=${node}", State=RESUME]
                    check: {command: [scontrol, show, node, "${node}"]}
                    rollback: drain it again
                  - id: responding
                    title: Wait until ${node} responds
                    wait-until: {nodes-responding: "${node}"}
                    timeout: 60s
                    rollback: none
                gates:
                  - {before: resume, approvals: 1, reason: look at the drained node first}
                verify:
                  - controller-up
                  - {nodes-responding: "${node}"}
                """);
        String lab = Files.readString(LabCluster.repoRoot().resolve("config/lab.yaml"));
        Path config = Files.createTempFile(state, "slurmops-", ".yaml");
        Files.writeString(config, lab + "\nrunbooks:\n  siteDir: " + site + "\n");

        LabCluster.Result list = run(config, "carol", "!slurm runbook list");
        assertThat(list.output()).contains("drain-cycle — Drain a node, then put it back · risk change · site:")
                .contains("ctld-state-recovery").doesNotContain("refused");

        LabCluster.Result ask = run(config, "alice", "!slurm runbook run drain-cycle node=" + NODE);
        assertThat(ask.exitCode()).as(ask.output()).isZero();
        assertThat(ask.output()).contains("#1 needs 1 approval: runbook drain-cycle", "node = " + NODE,
                "Step 1/3 drain", "gate: 1 more approval — look at the drained node first");
        assertThat(SlurmopsProcess.state(NODE)).as("nothing happens before approval").isEqualTo("idle");

        LabCluster.Result approve = run(config, "bob", "!slurm approve 1");
        assertThat(approve.exitCode()).as(approve.output()).isZero();
        assertThat(approve.output()).contains("Step 1/3 `drain` ok", "#2 needs 1 approval: gate before step 2 `resume`");
        assertThat(SlurmopsProcess.state(NODE)).isEqualTo("drained");
        assertThat(SlurmopsProcess.reason(NODE)).isEqualTo("runbook drain-cycle");

        LabCluster.Result self = run(config, "alice", "!slurm approve 2");
        assertThat(self.exitCode()).isEqualTo(3);
        assertThat(SlurmopsProcess.state(NODE)).isEqualTo("drained");

        long t0 = System.nanoTime();
        LabCluster.Result gate = run(config, "dave", "!slurm approve 2");
        assertThat(gate.exitCode()).as(gate.output()).isZero();
        assertThat(gate.output()).contains("Step 2/3 `resume` started: Resume " + NODE, "Step 2/3 `resume` ok",
                "Step 3/3 `responding` ok", "Run 1 (drain-cycle) done");
        System.out.printf("gate approval → run done: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(SlurmopsProcess.state(NODE)).isEqualTo("idle");

        LabCluster.Result status = run(config, "carol", "!slurm runbook status 1");
        assertThat(status.output()).contains("run 1 · drain-cycle · done", "step 1/3 drain: ok", "step 2/3 resume: ok",
                "node = " + NODE);
        LabCluster.Result audit = SlurmopsProcess.run(state, "audit", "--config", config.toString(), "--request", "1");
        assertThat(audit.output()).contains("run 1 step 1/3 `drain` started", "values node=" + NODE, "approved by bob",
                "run 1 step 3/3 `responding` ok");
    }

    private LabCluster.Result run(Path config, String who, String line) throws Exception {
        return SlurmopsProcess.run(state, "run", "--config", config.toString(), "--as", who, line);
    }
}
