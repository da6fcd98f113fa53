package io.slurmops.bot.lab;

import io.slurmops.commands.backup.BackupMeta;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup → verify → restore on the lab through the real CLI and four-eyes approval: the restore is
 * refused while slurmctld and slurmdbd run (naming the runbooks), the dry run shows the row counts,
 * and the approved restore (daemons stopped) takes a verified safety backup first, puts the state and
 * the accounting DB back (an account added after the backup is gone) and the cluster comes back healthy.
 */
@LabTest
class RestoreLabTest {

    private static final String SHIM = "/var/lib/slurmlab/bin/systemctl";
    private static final String ACCOUNT = "restoretest";

    @TempDir
    Path state;

    @AfterEach
    void healthyAgain() throws Exception {
        LabBackups.sh(SHIM, "start", "slurmdbd");
        LabBackups.sh(SHIM, "start", "slurmctld");
        LabBackups.sh("sacctmgr", "-i", "delete", "account", ACCOUNT);
        LabCluster.restore();
    }

    @Test
    void backupVerifyRestoreEndToEnd() throws Exception {
        LabCluster.Result made = SlurmopsProcess.run(state, "run", "--as", "alice", "!slurm backup all");
        assertThat(made.exitCode()).as(made.output()).isZero();
        String id = onlyBackup();
        assertThat(made.output()).contains("Backup " + id, "restored into the scratch schema");
        LabCluster.Result list = SlurmopsProcess.run(state, "run", "--as", "carol", "!slurm backups");
        assertThat(list.output()).contains(id, "all", "yes");

        // accounting data changes after the backup: the restore must take it away again
        assertThat(LabBackups.sh("sacctmgr", "-i", "add", "account", ACCOUNT, "Cluster=lab").exitCode()).isZero();

        LabCluster.Result refused = SlurmopsProcess.run(state, "run", "--as", "erin", "!slurm restore " + id);
        assertThat(refused.output()).contains("slurmctld is running", "ctld-state-recovery", "slurmdbd is running",
                "cluster-restart");

        assertThat(LabBackups.sh(SHIM, "stop", "slurmctld").exitCode()).isZero();
        assertThat(LabBackups.sh(SHIM, "stop", "slurmdbd").exitCode()).isZero();
        LabCluster.Result dry = SlurmopsProcess.run(state, "run", "--as", "erin", "!slurm restore " + id + " db --dry-run");
        assertThat(dry.output()).contains("Dry run", "acct_table: ", " from the backup", "Nothing was changed")
                .doesNotContain("needs 2 approvals");

        long t0 = System.nanoTime();
        LabCluster.Result ask = SlurmopsProcess.run(state, "run", "--as", "erin", "!slurm restore " + id);
        assertThat(ask.exitCode()).as(ask.output()).isZero();
        assertThat(ask.output()).contains("needs 2 approvals", "pre-restore", "diff -r -q");
        long asked = System.nanoTime();
        java.util.regex.Matcher request = java.util.regex.Pattern.compile("#(\\d+) needs 2 approvals").matcher(ask.output());
        assertThat(request.find()).isTrue();
        LabCluster.Result one = SlurmopsProcess.run(state, "run", "--as", "bob", "!slurm approve " + request.group(1));
        assertThat(one.exitCode()).as(one.output()).isZero();
        LabCluster.Result two = SlurmopsProcess.run(state, "run", "--as", "dave", "!slurm approve " + request.group(1));
        assertThat(two.exitCode()).as(two.output()).isZero();
        long restored = System.nanoTime();
        assertThat(two.output()).doesNotContain("FAILED").contains("Check that every table has the dump's row count");

        assertThat(LabBackups.sh(SHIM, "start", "slurmdbd").exitCode()).isZero();
        assertThat(LabBackups.sh(SHIM, "start", "slurmctld").exitCode()).isZero();
        assertThat(LabCluster.run(List.of("wait-idle", "60")).exitCode()).isZero();
        long healthy = System.nanoTime();
        System.out.printf("RTO restore on the lab: plan with safety backup %d ms, approved restore %d ms, daemons up and "
                + "nodes idle %d ms, total %d ms%n", (asked - t0) / 1_000_000, (restored - asked) / 1_000_000,
                (healthy - restored) / 1_000_000, (healthy - t0) / 1_000_000);

        assertThat(LabBackups.sh("sacctmgr", "-n", "-P", "show", "account", ACCOUNT).output()).isBlank();
        assertThat(LabBackups.sh("scontrol", "ping").output()).contains("is UP");
        // what the restore replaced is kept as a verified backup
        try (Stream<Path> dirs = Files.list(state.resolve("backups"))) {
            Path safety = dirs.filter(d -> d.getFileName().toString().endsWith("-pre-restore")).findFirst().orElseThrow();
            assertThat(Files.readString(safety.resolve(BackupMeta.FILE))).contains("verified=yes");
        }
    }

    private String onlyBackup() throws Exception {
        try (Stream<Path> dirs = Files.list(state.resolve("backups"))) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.endsWith("-all")).findFirst().orElseThrow();
        }
    }
}
