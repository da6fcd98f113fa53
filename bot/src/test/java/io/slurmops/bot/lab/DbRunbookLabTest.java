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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's db-dump (verified by the scratch restore) and db-restore on the lab, from a site runbook
 * in a directory (no Java): the daemons stop in order, the dump is verified, the database is replaced
 * by it with every table's rows as in the dump, and the cluster comes back.
 */
@LabTest
class DbRunbookLabTest {

    @TempDir
    Path dir;
    @TempDir
    Path site;

    private LabBackups lab;
    private SlurmopsStore store;

    @BeforeEach
    void setUp() throws Exception {
        lab = new LabBackups(dir.resolve("backups"));
        store = TestStores.h2().open();
        Files.writeString(site.resolve("db-roundtrip.yaml"), """
                name: db-roundtrip
                title: Dump the accounting DB, verify it, and put it back
                risk: destructive
                values:
                  backupDir:
                    type: path
                    known: run
                steps:
                  - id: stop-ctld
                    stop: slurmctld
                    rollback: start slurmctld
                  - id: stop-dbd
                    stop: slurmdbd
                    rollback: start slurmdbd
                  - id: dump
                    db-dump: {to: "${backupDir}/slurm_acct_db.sql.gz", verify: true}
                    rollback: nothing; the dump stays
                  - id: restore
                    db-restore: "${backupDir}/slurm_acct_db.sql.gz"
                    rollback: restore the dump again
                  - id: start-dbd
                    start: slurmdbd
                    rollback: stop slurmdbd
                  - id: start-ctld
                    start: slurmctld
                    rollback: stop slurmctld
                verify:
                  - controller-up
                  - dbd-responds
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        LabCluster.restore();
        store.close();
        lab.close();
    }

    @Test
    void aVerifiedDumpIsRestoredByTheEngine() throws Exception {
        RunbookLoader.Loaded loaded = RunbookLoader.load(site);
        assertThat(loaded.refused()).isEmpty();
        Runbook rb = loaded.runbooks().get("db-roundtrip");
        RunbookEngine engine = new RunbookEngine(lab.cluster, new StoreRunJournal(store, Clock.systemUTC()),
                Clock.systemUTC(), dir.resolve("runs").toString(), Duration.ofMillis(500), lab.service);

        RunJournal.RunRecord rec = engine.start(BoundRunbook.bind(rb, Map.of()));

        assertThat(rec.state()).as(rec.note()).isEqualTo(RunState.DONE);
        assertThat(rec.step(3).orElseThrow().output()).contains("dumped ", "restored into the scratch schema");
        assertThat(rec.step(4).orElseThrow().output()).contains("every table has the dump's row count");
        assertThat(rec.values()).containsKey("dumpRows:" + rec.values().get("backupDir") + "/slurm_acct_db.sql.gz");
        assertThat(LabBackups.sh("sacctmgr", "-n", "-P", "show", "user", "alice").output()).contains("alice");
    }
}
