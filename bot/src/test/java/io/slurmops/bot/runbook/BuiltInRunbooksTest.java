package io.slurmops.bot.runbook;

import io.slurmops.commands.runbook.BoundRunbook;
import io.slurmops.commands.runbook.DataKind;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.RunbookCanonical;
import io.slurmops.commands.runbook.RunbookPreview;
import io.slurmops.commands.runbook.RunbookValidator;
import io.slurmops.commands.runbook.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped runbooks load and keep every guard rail; the approved form of ctld-state-recovery is
 * frozen (a change to it, or to how runbooks render, changes what approvers approve and must be
 * deliberate: update the golden file after reading the diff).
 */
class BuiltInRunbooksTest {

    private static final Map<String, String> LAB = Map.of("stateDir", "/var/lib/slurmlab/slurm/state");

    private final RunbookLoader.Loaded loaded = RunbookLoader.load(null);

    @ParameterizedTest
    @ValueSource(strings = {"ctld-state-recovery", "cluster-restart", "acct-db-repair", "acct-db-recreate"})
    void each_built_in_loads_and_validates(String name) {
        assertThat(loaded.refused()).isEmpty();
        Runbook rb = loaded.runbooks().get(name);
        assertThat(rb).isNotNull();
        assertThat(rb.source().file()).isEqualTo("builtin:" + name + ".yaml");
        assertThat(RunbookValidator.validate(rb)).isEmpty();
    }

    @Test
    void the_built_ins_are_the_files_in_config_runbooks() throws IOException {
        try (var files = Files.list(Path.of("../config/runbooks"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml")))
                    .containsExactlyInAnyOrderElementsOf(RunbookLoader.builtInFiles());
        }
    }

    @Test
    void ctld_state_recovery_tries_the_least_destructive_start_first() {
        Runbook rb = loaded.runbooks().get("ctld-state-recovery");

        assertThat(rb.steps()).extracting(Step::id).containsExactly("stop-ctld", "backup-state", "use-old-state",
                "start-from-old", "start-ignoring-state", "clear-state", "start-clean");
        assertThat(rb.steps()).filteredOn(s -> s.action().destroys().isPresent()).extracting(Step::id)
                .containsExactly("use-old-state", "start-ignoring-state", "clear-state");
        assertThat(rb.steps().get(1).action().verifiedBackupOf(rb.declared())).contains(DataKind.STATE);
        assertThat(rb.gatesBefore("clear-state")).hasSize(1);
    }

    @Test
    void cluster_restart_backs_up_state_and_db_while_everything_is_stopped() {
        Runbook rb = loaded.runbooks().get("cluster-restart");

        assertThat(rb.steps().subList(0, 8)).extracting(s -> s.action().kind() + " " + s.action().fields().get(0)).containsExactly(
                "stop slurmd", "stop slurmctld", "stop slurmdbd", "copy ${stateDir}", "db-dump ${backupDir}/slurm_acct_db.sql.gz",
                "start slurmdbd", "start slurmctld", "start slurmd");
        assertThat(rb.steps().get(8).action().kind()).isEqualTo("resume-nodes-set-down");
    }

    @Test
    void acct_db_repair_copies_the_table_files_with_slurmdbd_stopped_and_uses_frm_only_where_mysqlcheck_failed() {
        Runbook rb = loaded.runbooks().get("acct-db-repair");

        assertThat(rb.steps()).extracting(s -> s.action().kind() + " " + String.join(" ", s.action().fields())).containsExactly(
                "stop slurmdbd dbd-host ", "db-copy-damaged-tables ${backupDir}/tables", "db-repair-tables mysqlcheck",
                "db-repair-tables use-frm", "start slurmdbd dbd-host ");
        assertThat(rb.steps().get(1).action().verifiedBackupOf(rb.declared())).contains(DataKind.DB_TABLES);
        assertThat(rb.steps()).filteredOn(s -> s.action().destroys().isPresent()).extracting(Step::id)
                .containsExactly("repair", "repair-use-frm");
        assertThat(rb.steps().get(2).attempt()).isTrue();
        assertThat(rb.steps().get(3).when()).contains(new io.slurmops.commands.runbook.Check.DbTables(false));
        assertThat(rb.gatesBefore("repair-use-frm")).hasSize(1);
        assertThat(rb.preconditions()).contains(new io.slurmops.commands.runbook.Check.DbTables(false));
    }

    @Test
    void acct_db_recreate_dumps_while_slurmdbd_answers_and_drops_only_after_a_verified_dump() {
        Runbook rb = loaded.runbooks().get("acct-db-recreate");

        assertThat(rb.risk()).isEqualTo(io.slurmops.commands.catalog.Risk.DESTRUCTIVE);
        assertThat(rb.steps()).extracting(s -> s.action().kind()).containsExactly("assoc-dump", "db-dump", "stop", "stop",
                "db-recreate", "start", "assoc-load", "start");
        assertThat(rb.steps().get(1).action().verifiedBackupOf(rb.declared())).contains(DataKind.ACCOUNTING_DB);
        assertThat(rb.steps()).filteredOn(s -> s.action().destroys().isPresent()).extracting(Step::id).containsExactly("recreate");
        assertThat(rb.verification()).contains(new io.slurmops.commands.runbook.Check.AssocMatchesDump(
                io.slurmops.commands.runbook.Template.of("${backupDir}/assoc.cfg")));
    }

    @Test
    void the_canonical_text_of_ctld_state_recovery_is_frozen() throws IOException {
        String actual = RunbookCanonical.text(BoundRunbook.bind(loaded.runbooks().get("ctld-state-recovery"), LAB));
        String golden;
        try (var in = getClass().getResourceAsStream("/runbooks/ctld-state-recovery.canonical.txt")) {
            golden = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(golden)) {
            Files.writeString(Path.of("target/ctld-state-recovery.canonical.actual.txt"), actual);
        }
        assertThat(actual).as("compare with target/ctld-state-recovery.canonical.actual.txt").isEqualTo(golden);
    }

    @Test
    void the_preview_shows_each_step_with_what_it_destroys_its_check_rollback_and_gates() {
        String preview = RunbookPreview.render(BoundRunbook.bind(loaded.runbooks().get("ctld-state-recovery"), LAB));

        assertThat(preview).startsWith("Runbook ctld-state-recovery: Recover slurmctld from a corrupted state file (risk: destructive)\n")
                .contains("  stateDir = /var/lib/slurmlab/slurm/state  — slurmctld's StateSaveLocation (from slurm.conf)\n")
                .contains("  backupDir = (set while running)")
                .contains("Step 2/7 backup-state: Copy StateSaveLocation to a timestamped backup and verify the copy\n"
                        + "    does: copy /var/lib/slurmlab/slurm/state to ${backupDir}/state, verified by SHA-256 manifest\n"
                        + "    destroys: nothing\n"
                        + "    check: every file in ${backupDir}/state matches the source's SHA-256 manifest\n")
                .contains("  ⏸ gate: 1 more approval — clearing the state loses every job slurmctld held; the backup is verified\n"
                        + "Step 6/7 clear-state: Clear the state (every job slurmctld held is lost)\n"
                        + "    only if: slurmctld does not answer scontrol ping\n"
                        + "    does: delete the state files in /var/lib/slurmlab/slurm/state (jobs are lost)\n"
                        + "    destroys: slurmctld state\n")
                .contains("    rollback: copy the state files back from ${backupDir}/state\n")
                .endsWith("Verify at the end: scontrol ping answers UP; slurmctld sees all nodes responding;"
                        + " jobs in ${backupDir}/state that slurmctld no longer knows are listed\n");
    }
}
