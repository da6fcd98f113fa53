package io.slurmops.commands.read;

import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code reservations}: added as one file and one registry line; grammar, help and role come from its spec. */
class ReservationsCommandTest {

    /** {@code scontrol show reservation} as Slurm 22.05 prints it: records separated by a blank line. */
    static final String TWO = """
            ReservationName=maint_probe StartTime=2026-11-26T00:02:49 EndTime=2026-11-26T00:12:49 Duration=00:10:00
               Nodes=node004 NodeCnt=1 CoreCnt=2 Features=(null) PartitionName=(null) Flags=MAINT,SPEC_NODES
               TRES=cpu=2
               Users=root Groups=(null) Accounts=(null) Licenses=(null) State=ACTIVE BurstBuffer=(null) Watts=n/a
               MaxStartDelay=(null)

            ReservationName=course StartTime=2026-12-01T09:00:00 EndTime=2026-12-01T17:00:00 Duration=08:00:00
               Nodes=node[001-002] NodeCnt=2 CoreCnt=4 Features=(null) PartitionName=debug Flags=
               TRES=cpu=4
               Users=(null) Groups=(null) Accounts=students Licenses=(null) State=INACTIVE BurstBuffer=(null) Watts=n/a
               MaxStartDelay=(null)

            """;

    private final ScriptedCluster cluster = ScriptedCluster.lab().on("localhost", "scontrol show reservation", ok(TWO));

    @Test
    void listsEveryReservationAndNamesTheNodesUnderMaintenance() throws UsageException {
        Reply r = cluster.run("!slurm reservations");
        assertThat(r.title()).isEqualTo("2 reservations");
        assertThat(r.toPlainText()).contains("maint_probe").contains("ACTIVE").contains("MAINT,SPEC_NODES")
                .contains("course").contains("node[001-002]").contains("account students")
                .contains("Under maintenance now: `node004` (maint_probe until 2026-11-26T00:12:49)");
    }

    @Test
    void filtersByNameOrByActive() throws UsageException {
        assertThat(cluster.run("!slurm reservations course").toPlainText()).contains("course").doesNotContain("maint_probe");
        assertThat(cluster.run("!slurm reservations --active").title()).isEqualTo("1 reservation active");
    }

    @Test
    void noReservationsIsAnEmptyAnswerAndAFailureIsExplained() throws UsageException {
        ScriptedCluster none = ScriptedCluster.lab().on("localhost", "scontrol show reservation",
                ok("No reservations in the system\n"));
        assertThat(none.run("!slurm reservations").title()).isEqualTo("0 reservations");
        ScriptedCluster down = ScriptedCluster.lab().on("localhost", "scontrol show reservation",
                exit(1, "", "slurm_load_reservations error: Unable to contact slurm controller (connect failure)\n"));
        assertThat(down.run("!slurm reservations").status()).isEqualTo(Status.ERROR);
    }

    @Test
    void badInputIsRefusedByTheDeclarationBeforeAnythingRuns() {
        assertThatThrownBy(() -> cluster.run("!slurm reservations 'a b'")).isInstanceOfSatisfying(UsageException.class,
                e -> {
                    assertThat(e.getMessage()).isEqualTo("`a b` is not a reservation name (letters, digits, . _ -)");
                    assertThat(e.correctForm()).isEqualTo("!slurm reservations [NAME] [--active]");
                });
        assertThat(cluster.calls).isEmpty();
        assertThatThrownBy(() -> cluster.run("!slurm reservations --since 2d")).hasMessage("`reservations` has no option --since");
        assertThatThrownBy(() -> cluster.run("!slurm reservations ghost")).hasMessageStartingWith("no reservation `ghost`");
    }

    @Test
    void helpAndRoleComeFromTheDeclaration() throws UsageException {
        String help = cluster.run("!slurm help reservations").toPlainText();
        assertThat(help).contains("!slurm reservations [NAME] [--active]").contains("reservation name")
                .contains("--active").contains("only reservations in effect now").contains("viewer");
        assertThat(new ReservationsCommand().spec().requiredRole(new ReservationsCommand().spec().risk()).label())
                .isEqualTo("viewer");
    }
}
