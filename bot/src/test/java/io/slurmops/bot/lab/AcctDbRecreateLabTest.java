package io.slurmops.bot.lab;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StoreRunJournal;
import io.slurmops.adapters.store.TestStores;
import io.slurmops.bot.runbook.RunbookLoader;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slide 15 for real on the lab: the built-in {@code acct-db-recreate} through the engine drops the
 * accounting database and puts the associations (and the QOS they name) back from its own dump. The
 * job history is gone after it, so the lab's accounting is restored afterwards from this test's own
 * verified dump, taken before the run. Prints the RTO.
 */
@LabTest
class AcctDbRecreateLabTest {

    private static final String SYSTEMCTL = "/var/lib/slurmlab/bin/systemctl";

    @TempDir
    Path dir;

    private LabBackups lab;
    private SlurmopsStore store;
    private String before;

    @BeforeEach
    void setUp() throws Exception {
        lab = new LabBackups(dir.resolve("backups"));
        store = TestStores.h2().open();
        before = dir.resolve("before/slurm_acct_db.sql.gz").toString();
        Map<String, Long> rows = lab.service.dumpTo(lab.cluster, before);
        assertThat(lab.service.verifyDump(lab.cluster, before, rows)).isEmpty();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            LabCluster.exec(List.of(SYSTEMCTL, "stop", "slurmctld"), 60);
            LabCluster.exec(List.of(SYSTEMCTL, "stop", "slurmdbd"), 60);
            assertThat(lab.service.restoreDump(lab.cluster, before)).as("the lab's accounting restored").isEmpty();
            LabCluster.exec(List.of(SYSTEMCTL, "start", "slurmdbd"), 60);
            LabCluster.exec(List.of(SYSTEMCTL, "start", "slurmctld"), 60);
            LabCluster.restore();
        } finally {
            store.close();
            lab.close();
        }
    }

    @Test
    void theDatabaseIsRecreatedAndTheAssociationsAndTheirQosComeBack() throws Exception {
        String assoc = assoc();
        assertThat(assoc).contains("physics|alice|");
        assertThat(jobs()).isNotBlank();
        Runbook rb = RunbookLoader.load(null).runbooks().get("acct-db-recreate");
        RunbookEngine engine = new RunbookEngine(lab.cluster, new StoreRunJournal(store, Clock.systemUTC()),
                Clock.systemUTC(), dir.resolve("runs").toString(), Duration.ofMillis(500), lab.service);

        long t0 = System.nanoTime();
        RunJournal.RunRecord rec = engine.start(BoundRunbook.bind(rb, Map.of()));
        Duration rto = Duration.ofNanos(System.nanoTime() - t0);

        StringBuilder timing = new StringBuilder("RTO acct-db-recreate on the lab: " + rto.toMillis() + " ms");
        rec.steps().forEach(s -> timing.append("\n  ").append(s.index()).append(' ').append(s.stepId()).append(' ')
                .append(s.status()).append(": ").append(s.elapsed().map(Duration::toMillis).orElse(-1L)).append(" ms"));
        System.out.println(timing);
        rec.steps().forEach(s -> System.out.println("--- " + s.stepId() + "\n" + s.output()));
        assertThat(rec.state()).as(rec.note()).isEqualTo(RunState.DONE);
        assertThat(rec.steps()).extracting(RunJournal.StepRecord::stepId).containsExactly("dump-assoc", "dump-db",
                "stop-ctld", "stop-dbd", "recreate", "start-dbd", "load-assoc", "start-ctld");
        assertThat(rec.steps()).extracting(RunJournal.StepRecord::status).containsOnly(StepStatus.OK);
        assertThat(rec.steps()).allSatisfy(s -> assertThat(s.elapsed()).isPresent());
        assertThat(rec.step(5).orElseThrow().output()).contains("granted ALL on it again to ", "'slurm'@'localhost'");
        assertThat(rec.step(7).orElseThrow().output()).contains("added QOS short");
        assertThat(assoc()).isEqualTo(assoc);
        assertThat(LabBackups.sh("sacctmgr", "-n", "-P", "show", "qos", "short", "format=Name,MaxWall").output())
                .contains("short|01:00:00");
        assertThat(LabBackups.sh("scontrol", "ping").output()).contains("is UP");
        // the job history is what a recreation loses (the verified dump keeps it)
        assertThat(jobs()).isBlank();
    }

    private static String assoc() throws Exception {
        LabCluster.Result r = LabBackups.sh("sacctmgr", "-n", "-P", "show", "assoc", "cluster=lab", "format=Account,User,Partition");
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output().lines().sorted().toList().toString();
    }

    private static String jobs() throws Exception {
        return LabBackups.sh("sacct", "-a", "-X", "-n", "-P", "-o", "JobID", "-S", "2000-01-01").output().strip();
    }
}
