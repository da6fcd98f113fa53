package io.slurmops.commands.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Manifests, metadata, retention and the restore's row check: the parts of backups that need no cluster. */
class BackupModelTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void aManifestRoundTripsAndNamesEveryDifference() {
        Manifest m = new Manifest(Map.of("state/job_state", new Manifest.Entry(A, 10), "state/node_state", new Manifest.Entry(B, 20)));
        assertThat(Manifest.parse(m.text())).isEqualTo(m);
        assertThat(m.text()).isEqualTo(A + "  10  state/job_state\n" + B + "  20  state/node_state\n");
        assertThat(m.totalSize()).isEqualTo(30);
        assertThat(m.under("state/").files()).containsOnlyKeys("job_state", "node_state");

        Manifest actual = new Manifest(Map.of("state/job_state", new Manifest.Entry(B, 10), "state/extra", new Manifest.Entry(A, 1)));
        assertThat(m.differences(actual)).containsExactlyInAnyOrder(
                "changed: state/job_state (sha256 bbbbbbbbbbbb, expected aaaaaaaaaaaa)",
                "missing: state/node_state", "unexpected: state/extra");
        assertThat(m.differences(m)).isEmpty();
        assertThat(m.sha256()).isNotEqualTo(actual.sha256()).hasSize(64);
    }

    @Test
    void metadataRoundTripsOnOneLinePerValue() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("acct_table", 2L);
        rows.put("lab_job_table", 0L);
        BackupMeta m = new BackupMeta("20261203T100000Z-all", "all", Instant.parse("2026-12-03T10:00:00Z"),
                List.of(Part.STATE, Part.DB), Map.of(Part.STATE, 100L, Part.DB, 2000L), Map.of(Part.STATE, "/var/spool/slurmctld"),
                A, rows, BackupMeta.Verified.FAILED, "db: changed\nsecond line");
        BackupMeta back = BackupMeta.parse(m.text());
        assertThat(back).isEqualTo(m);
        assertThat(back.detail()).isEqualTo("db: changed second line");
        assertThat(back.totalSize()).isEqualTo(2100);
        assertThat(m.text()).contains("verified=failed\n", "rows=acct_table=2,lab_job_table=0\n");
    }

    @Test
    void retentionKeepsTheNewestVerifiedBackupOfEachKindHoweverOld() {
        Instant now = Instant.parse("2026-12-31T00:00:00Z");
        BackupMeta oldVerifiedDb = meta("old-db", "db", now.minus(Duration.ofDays(90)), BackupMeta.Verified.YES);
        BackupMeta olderVerifiedDb = meta("older-db", "db", now.minus(Duration.ofDays(95)), BackupMeta.Verified.YES);
        BackupMeta oldFailedAll = meta("old-all", "all", now.minus(Duration.ofDays(40)), BackupMeta.Verified.FAILED);
        BackupMeta newFailedState = meta("new-state", "state", now.minus(Duration.ofDays(1)), BackupMeta.Verified.FAILED);
        BackupMeta oldVerifiedState = meta("old-state", "state", now.minus(Duration.ofDays(31)), BackupMeta.Verified.YES);
        BackupMeta recent = meta("recent-all", "all", now.minus(Duration.ofDays(29)), BackupMeta.Verified.YES);

        assertThat(BackupCatalog.expired(List.of(oldVerifiedDb, olderVerifiedDb, oldFailedAll, newFailedState,
                oldVerifiedState, recent), now, Duration.ofDays(30)))
                .extracting(BackupMeta::id).containsExactlyInAnyOrder("older-db", "old-all");
    }

    @Test
    void theRestoreRowCheckSignalsAnErrorNamingTheTable() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("acct_table", 2L);
        rows.put("lab_assoc_table", 5L);
        assertThat(RestoreSteps.rowCheck(rows)).isEqualTo("BEGIN NOT ATOMIC DO 0; "
                + "IF (SELECT COUNT(*) FROM `acct_table`) <> 2 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = "
                + "'acct_table: not 2 rows as in the dump'; END IF; "
                + "IF (SELECT COUNT(*) FROM `lab_assoc_table`) <> 5 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = "
                + "'lab_assoc_table: not 5 rows as in the dump'; END IF; END//");
        assertThatThrownBy(() -> RestoreSteps.rowCheck(Map.of("x`; DROP", 1L))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindsAndScratchUrls() {
        assertThat(Part.ofKind("all")).containsExactly(Part.STATE, Part.DB, Part.CONFIG);
        assertThat(Part.ofKind("db")).containsExactly(Part.DB);
        assertThatThrownBy(() -> Part.ofKind("logs")).hasMessageContaining("expected state, db, config or all");
        ScratchDb s = ScratchDb.fromUrl("jdbc:mariadb://127.0.0.1:3306/slurmops_verify", "v", () -> "s3cret");
        assertThat(s.schema()).isEqualTo("slurmops_verify");
        assertThat(s.port()).isEqualTo(3306);
        assertThat(s.toString()).doesNotContain("s3cret");
        assertThat(s.clientFile()).contains("user=v\n", "password=s3cret\n", "host=127.0.0.1\n");
        assertThatThrownBy(() -> ScratchDb.fromUrl("jdbc:mariadb://h:3306/", "v", () -> "")).hasMessageContaining("SCHEMA");
    }

    private static BackupMeta meta(String id, String kind, Instant created, BackupMeta.Verified v) {
        return new BackupMeta(id, kind, created, Part.ofKind(kind.equals("all") ? "all" : kind), Map.of(), Map.of(), A,
                Map.of(), v, "");
    }
}
