package io.slurmops.bot.lab;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StoreRunJournal;
import io.slurmops.adapters.store.TestStores;
import io.slurmops.bot.runbook.RunbookLoader;
import io.slurmops.commands.backup.SourceDirs;
import io.slurmops.commands.runbook.BoundRunbook;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.RunbookEngine;
import io.slurmops.commands.runbook.run.StepStatus;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in {@code cluster-restart} runbook run for real on the lab through the engine: every
 * daemon stopped and started in the safe order, the state and the accounting DB backed up and
 * verified while nothing writes to them, the node a person drained before the run still drained
 * after it. Prints the elapsed time of the run: the lab's RTO for a full-cluster restart.
 */
@LabTest
class ClusterRestartLabTest {

    private static final String DRAINED = "node003";

    @TempDir
    Path dir;

    private LabBackups lab;
    private SlurmopsStore store;

    @BeforeEach
    void setUp() throws Exception {
        lab = new LabBackups(dir);
        store = TestStores.h2().open();
        assertThat(LabCluster.run(List.of("wait-idle", "60")).exitCode()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        LabBackups.sh("scontrol", "update", "NodeName=" + DRAINED, "State=RESUME");
        LabCluster.restore();
        store.close();
        lab.close();
    }

    @Test
    void everyDaemonRestartsInOrderAPersonsDrainStaysAndTheBackupsAreVerified() throws Exception {
        assertThat(LabBackups.sh("scontrol", "update", "NodeName=" + DRAINED, "State=DRAIN",
                "Reason=disk check by a person").exitCode()).isZero();
        Runbook rb = RunbookLoader.load(null).runbooks().get("cluster-restart");
        RunbookEngine engine = new RunbookEngine(lab.cluster, new StoreRunJournal(store, Clock.systemUTC()),
                Clock.systemUTC(), dir.toString(), Duration.ofMillis(500), lab.service);

        long t0 = System.nanoTime();
        RunJournal.RunRecord rec = engine.start(BoundRunbook.bind(rb, Map.of("stateDir", SourceDirs.stateDir(lab.cluster))));
        Duration rto = Duration.ofNanos(System.nanoTime() - t0);

        StringBuilder timing = new StringBuilder("RTO cluster-restart on the lab: " + rto.toMillis() + " ms");
        rec.steps().forEach(s -> timing.append("\n  ").append(s.index()).append(' ').append(s.stepId()).append(": ")
                .append(s.elapsed().map(Duration::toMillis).orElse(-1L)).append(" ms"));
        System.out.println(timing);
        assertThat(rec.state()).as(rec.note()).isEqualTo(RunState.DONE);
        assertThat(rec.steps()).extracting(RunJournal.StepRecord::stepId).containsExactly("stop-slurmd", "stop-ctld",
                "stop-dbd", "backup-state", "backup-db", "start-dbd", "start-ctld", "start-slurmd", "resume");
        assertThat(rec.steps()).extracting(RunJournal.StepRecord::status).containsOnly(StepStatus.OK);
        assertThat(rec.step(4).orElseThrow().output()).contains("match the source's SHA-256 manifest");
        assertThat(rec.step(5).orElseThrow().output()).contains("restored into the scratch schema");
        // the run resumed only the nodes it set down; the person's drain is kept with its reason
        assertThat(rec.values().get("nodesSetDown")).doesNotContain(DRAINED);
        assertThat(LabBackups.sh("sinfo", "-h", "-n", DRAINED, "-o", "%T %E").output()).contains("drain", "disk check by a person");
        assertThat(LabBackups.sh("sinfo", "-h", "-n", "node[001-002,004]", "-o", "%T").output().strip().lines())
                .containsOnly("idle");
        assertThat(LabBackups.sh("scontrol", "ping").output()).contains("is UP");
        assertThat(LabBackups.sh("sacctmgr", "-n", "show", "cluster").output()).contains("lab");
        // the backups stay on disk
        Path backup = Path.of(rec.values().get("backupDir"));
        assertThat(backup.resolve("slurm_acct_db.sql.gz")).exists();
        try (Stream<Path> files = Files.list(backup.resolve("state"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("node_state", "job_state");
        }
    }
}
