package io.slurmops.adapters.db;

import io.slurmops.commands.site.AccountingDbReport;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the lab's real MariaDB, with the password the lab gave slurmdbd (StoragePass). */
@LabTest
class JdbcAccountingDbProbeLabTest {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/slurm_acct_db";

    private static String password() throws Exception {
        return Files.readString(Path.of("/var/lib/slurmlab/etc/dbpass")).strip();
    }

    @Test
    void readsConnectionsAndChecksTheLabTables() throws Exception {
        AccountingDbReport r = new JdbcAccountingDbProbe(new AccountingDbSettings(URL, "slurm", password(), "lab",
                Duration.ofSeconds(5))).probe();
        assertThat(r.reachable()).as(r.error()).isTrue();
        assertThat(r.maxConnections()).isEqualTo(100); // the lab's my.cnf
        assertThat(r.threadsConnected()).isBetween(1L, 100L);
        assertThat(r.tables()).extracting(AccountingDbReport.TableStatus::table)
                .containsExactly("lab_job_table", "lab_step_table");
        assertThat(r.tables()).allSatisfy(t -> assertThat(t.ok()).as(t.toString()).isTrue());
    }

    @Test
    void readsThePasswordFromTheLabsFileAtEachProbe() {
        AccountingDbReport r = new JdbcAccountingDbProbe(new AccountingDbSettings(URL, "slurm", "",
                Path.of("/var/lib/slurmlab/etc/dbpass"), "lab", Duration.ofSeconds(5))).probe();
        assertThat(r.reachable()).as(r.error()).isTrue();
        AccountingDbReport missing = new JdbcAccountingDbProbe(new AccountingDbSettings(URL, "slurm", "",
                Path.of("/nonexistent/dbpass"), "lab", Duration.ofSeconds(5))).probe();
        assertThat(missing.reachable()).isFalse();
        assertThat(missing.error()).contains("cannot read the password file /nonexistent/dbpass");
    }

    @Test
    void aWrongPasswordIsReportedNotThrown() {
        AccountingDbReport r = new JdbcAccountingDbProbe(new AccountingDbSettings(URL, "slurm", "wrong", "lab",
                Duration.ofSeconds(5))).probe();
        assertThat(r.reachable()).isFalse();
        assertThat(r.error()).contains("Access denied for user 'slurm'");
    }

    @Test
    void aMissingClusterTableIsAnErrorRowNotAnException() throws Exception {
        AccountingDbReport r = new JdbcAccountingDbProbe(new AccountingDbSettings(URL, "slurm", password(), "nosuch",
                Duration.ofSeconds(5))).probe();
        assertThat(r.reachable()).isTrue();
        assertThat(r.tables()).hasSize(2).allSatisfy(t -> {
            assertThat(t.ok()).isFalse();
            assertThat(t.msgText()).contains("doesn't exist");
        });
    }
}
