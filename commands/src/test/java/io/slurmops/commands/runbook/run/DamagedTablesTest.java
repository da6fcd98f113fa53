package io.slurmops.commands.runbook.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CHECK TABLE's batch output, as MariaDB 10.11 printed it on the lab, to the damaged tables. */
class DamagedTablesTest {

    @Test
    void a_corrupt_myisam_index_is_damaged_and_innodb_tables_with_status_ok_are_not() {
        String rows = """
                slurm_acct_db.acct_table\tcheck\tstatus\tOK
                slurm_acct_db.lab_job_table\tcheck\tError\tIndex for table './slurm_acct_db/lab_job_table' is corrupt; try to repair it
                slurm_acct_db.lab_job_table\tcheck\terror\tCorrupt
                slurm_acct_db.lab_step_table\tcheck\tstatus\tOK
                """;

        assertThat(DamagedTables.parseCheck(rows)).containsExactly(java.util.Map.entry("lab_job_table",
                "Index for table './slurm_acct_db/lab_job_table' is corrupt; try to repair it"));
    }

    @Test
    void a_table_marked_crashed_is_damaged_but_not_a_warning_followed_by_status_ok_nor_a_note_alone() {
        String rows = """
                drill_db.crashme\tcheck\twarning\tTable is marked as crashed
                drill_db.crashme\tcheck\terror\tCorrupt
                drill_db.fixed\tcheck\twarning\t1 client is using or hasn't closed the table properly
                drill_db.fixed\tcheck\tstatus\tOK
                drill_db.noted\tcheck\tnote\tThe storage engine for the table doesn't support check
                """;

        assertThat(DamagedTables.parseCheck(rows)).containsOnlyKeys("crashme")
                .containsEntry("crashme", "Table is marked as crashed");
    }
}
