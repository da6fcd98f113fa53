package io.slurmops.bot.lab;

import io.slurmops.commands.backup.BackupMeta;
import io.slurmops.commands.backup.BackupProbe;
import io.slurmops.commands.backup.Part;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups on the lab: state, accounting DB and configuration copied and verified (the dump restored
 * into the scratch schema with the scratch account), modes kept, no secret printed; a corrupted file
 * fails verification, is kept, marked failed and raises the backups alert.
 */
@LabTest
class BackupLabTest {

    @TempDir
    Path dir;

    private LabBackups lab;
    private final List<BackupMeta> alerted = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        lab = new LabBackups(dir);
        lab.service.onVerificationFailed(alerted::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        lab.close();
    }

    @Test
    void backupAllIsVerifiedWithManifestModesAndScratchRestore() throws Exception {
        BackupMeta m = lab.service.backup(lab.cluster, "all");

        assertThat(m.verified()).as(m.detail()).isEqualTo(BackupMeta.Verified.YES);
        assertThat(m.parts()).containsExactly(Part.STATE, Part.DB, Part.CONFIG);
        assertThat(m.detail()).contains("state: ", "config: ", "restored into the scratch schema");
        assertThat(m.rows()).containsKey("acct_table").containsKey("lab_assoc_table");
        assertThat(m.rows().get("acct_table")).isPositive();
        Path b = dir.resolve(m.id());
        assertThat(b.resolve("state/node_state")).exists();
        assertThat(b.resolve("db/slurm_acct_db.sql.gz")).exists();
        assertThat(Files.readString(b.resolve(BackupMeta.MANIFEST))).contains("  config/slurm.conf\n", "  db/slurm_acct_db.sql.gz\n");
        // slurmdbd.conf keeps its owner and mode 600, and its password appears in no file the bot wrote
        assertThat(LabBackups.sh("stat", "-c", "%U %a", b.resolve("config/slurmdbd.conf").toString()).output().strip())
                .isEqualTo("slurm 600");
        String pass = Files.readString(Path.of("/var/lib/slurmlab/etc/dbpass")).strip();
        assertThat(Files.readString(b.resolve(BackupMeta.FILE))).doesNotContain(pass).contains("verified=yes");
        assertThat(Files.readString(b.resolve(BackupMeta.MANIFEST))).doesNotContain(pass);
        assertThat(LabBackups.sh("stat", "-c", "%a", b.toString()).output().strip()).isEqualTo("700");
        // the scratch schema is dropped after the verification
        assertThat(LabBackups.sh("mariadb", "-N", "-B", "-e", "SHOW DATABASES LIKE 'slurmops_verify'").output()).isBlank();
        assertThat(lab.service.list(lab.cluster)).extracting(BackupMeta::id).containsExactly(m.id());
        assertThat(alerted).isEmpty();
        assertThat(lab.service.verify(lab.cluster, m.id()).verified()).isEqualTo(BackupMeta.Verified.YES);
    }

    @Test
    void aCorruptedFileFailsVerificationIsKeptAndAlerts() throws Exception {
        BackupMeta config = lab.service.backup(lab.cluster, "config");
        BackupMeta db = lab.service.backup(lab.cluster, "db");
        assertThat(config.isVerified()).as(config.detail()).isTrue();
        assertThat(db.isVerified()).as(db.detail()).isTrue();
        BackupProbe probe = new BackupProbe(lab.service, java.time.Duration.ofMinutes(1));
        CommandContext ctx = new CommandContext(lab.cluster, KnowledgeBase.builtIn(), Clock.systemUTC(), "test", "!slurm");
        assertThat(probe.observe(ctx)).isEmpty();

        Files.writeString(dir.resolve(config.id()).resolve("config/slurm.conf"), "# tampered\n", StandardOpenOption.APPEND);
        byte[] gz = Files.readAllBytes(dir.resolve(db.id()).resolve("db/slurm_acct_db.sql.gz"));
        gz[gz.length / 2] ^= 0x5a;
        Files.write(dir.resolve(db.id()).resolve("db/slurm_acct_db.sql.gz"), gz);

        BackupMeta c2 = lab.service.verify(lab.cluster, config.id());
        BackupMeta d2 = lab.service.verify(lab.cluster, db.id());
        assertThat(c2.verified()).isEqualTo(BackupMeta.Verified.FAILED);
        assertThat(c2.detail()).contains("changed: slurm.conf");
        assertThat(d2.verified()).isEqualTo(BackupMeta.Verified.FAILED);
        assertThat(d2.detail()).contains("changed: slurm_acct_db.sql.gz");
        assertThat(alerted).extracting(BackupMeta::id).containsExactly(config.id(), db.id());
        assertThat(dir.resolve(db.id()).resolve("db/slurm_acct_db.sql.gz")).exists();
        assertThat(Files.readString(dir.resolve(config.id()).resolve(BackupMeta.FILE))).contains("verified=failed");
        assertThat(probe.observe(ctx)).extracting(o -> o.key()).containsExactlyInAnyOrder("backups:config", "backups:db");
    }
}
