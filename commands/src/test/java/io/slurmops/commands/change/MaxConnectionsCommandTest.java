package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.plan.PlanResult;
import io.slurmops.commands.plan.PlanRunner;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plan, guard rails and the read-back of {@code db max-connections}, against a MariaDB faked at the network edge. */
class MaxConnectionsCommandTest {

    private static final String CNF = "/etc/slurmops/maxconn.cnf";

    /** Answers the three statements the command sends, like a MariaDB 10.11 server would. */
    private static final class FakeMariaDb {
        long max = 100;
        long threads = 3;
        boolean privileged = true;
        boolean ignoresSet;

        Optional<ExecResult> answer(HostCommand c) {
            List<String> argv = c.argv();
            if (!argv.get(0).equals("mariadb")) {
                return Optional.empty();
            }
            String sql = argv.get(argv.size() - 1);
            Matcher set = Pattern.compile("SET GLOBAL max_connections = (\\d+)").matcher(sql);
            if (sql.startsWith("SELECT @@GLOBAL.max_connections")) {
                return Optional.of(FakeCluster.ok(c, max + "\t" + threads + "\n"));
            }
            if (set.matches()) {
                if (!privileged) {
                    return Optional.of(ExecResult.exited(c, 1, "", "ERROR 1227 (42000) at line 1: Access denied; you "
                            + "need (at least one of) the SUPER, CONNECTION ADMIN privilege(s) for this operation",
                            Duration.ZERO));
                }
                if (!ignoresSet) {
                    max = Long.parseLong(set.group(1));
                }
                return Optional.of(FakeCluster.ok(c, ""));
            }
            Matcher verify = Pattern.compile("IF v <> (\\d+) THEN").matcher(sql);
            if (verify.find()) {
                return Optional.of(Long.parseLong(verify.group(1)) == max
                        ? FakeCluster.ok(c, "max_connections = " + max + "\n")
                        : ExecResult.exited(c, 1, "", "ERROR 1644 (45000) at line 1: max_connections did not read back",
                        Duration.ZERO));
            }
            return Optional.of(ExecResult.exited(c, 1, "", "ERROR 1064: unexpected " + sql, Duration.ZERO));
        }
    }

    private final FakeMariaDb db = new FakeMariaDb();
    private final FakeCluster cluster = FakeCluster.withNodes(1).hook(db::answer);
    private final CommandContext ctx = new CommandContext(new ClusterAccess(FakeCluster.site(), cluster),
            KnowledgeBase.builtIn(), Clock.systemUTC(), "alice", "!slurm", 12);

    private Plan plan(String adminDefaults, String line) throws UsageException {
        MaxConnectionsCommand command = new MaxConnectionsCommand(adminDefaults);
        CommandCatalog.Parsed p = new CommandCatalog("!slurm", List.of(command)).parse(line);
        return command.plan(p.invocation(), ctx);
    }

    @Test
    void thePlanShowsCurrentValueUseAndTargetAndTheStepsUseTheAdminOptionFile() throws UsageException {
        Plan plan = plan(CNF, "!slurm db max-connections 300");
        assertThat(plan.summary()).isEqualTo("Change the accounting DB's max_connections from 100 to 300 (3 in use)");
        assertThat(plan.notes().get(0)).isEqualTo("max_connections now 100, connections in use 3, new value 300.");
        assertThat(plan.notes().get(1)).contains("lost at MariaDB's next restart").contains("max_connections=300")
                .contains("slurmdbd.conf");
        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0).via()).isEqualTo(FakeCluster.CONTROLLER);
        assertThat(plan.steps().get(0).argv()).containsExactly("mariadb", "--defaults-extra-file=" + CNF,
                "--loose-skip-print-query-on-error", "-e", "SET GLOBAL max_connections = 300");
        assertThat(plan.steps().get(1).argv()).startsWith("mariadb", "--defaults-extra-file=" + CNF,
                "--loose-skip-print-query-on-error", "--delimiter=//");
        assertThat(db.max).as("planning changes nothing").isEqualTo(100);
    }

    @Test
    void runningThePlanSetsTheValueReadsItBackAndTheReplySaysHowToKeepIt() throws UsageException {
        MaxConnectionsCommand command = new MaxConnectionsCommand(CNF);
        Plan plan = plan(CNF, "!slurm db max-connections 300");
        assertThat(command.stillApplies(plan, ctx)).isEmpty();
        PlanResult result = PlanRunner.sequential(cluster).run(plan, s -> { });
        assertThat(result.ok()).isTrue();
        assertThat(db.max).isEqualTo(300);
        String reply = command.report(plan, result).toPlainText();
        assertThat(reply).contains("max_connections = 300").contains("`max_connections=300`").contains("my.cnf");
    }

    @Test
    void aValueThatDoesNotReadBackFailsTheVerificationStep() throws UsageException {
        db.ignoresSet = true;
        MaxConnectionsCommand command = new MaxConnectionsCommand(CNF);
        Plan plan = plan(CNF, "!slurm db max-connections 300");
        PlanResult result = PlanRunner.sequential(cluster).run(plan, s -> { });
        assertThat(result.ok()).isFalse();
        assertThat(result.step(2).ok()).isFalse();
        assertThat(command.report(plan, result).toPlainText()).contains("did not read back")
                .doesNotContain("`max_connections=300`");
    }

    @Test
    void anAccountWithoutThePrivilegeFailsWithMariaDbsReason() throws UsageException {
        db.privileged = false;
        Plan plan = plan(CNF, "!slurm db max-connections 300");
        PlanResult result = PlanRunner.sequential(cluster).run(plan, s -> { });
        assertThat(result.ok()).isFalse();
        assertThat(new MaxConnectionsCommand(CNF).report(plan, result).toPlainText()).contains("CONNECTION ADMIN");
        assertThat(db.max).isEqualTo(100);
    }

    @Test
    void withoutAnAdminAccountConfiguredTheCommandIsRefusedWithWhatToConfigure() {
        assertThatThrownBy(() -> plan("", "!slurm db max-connections 300")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("site.accountingDb.adminDefaults").hasMessageContaining("CONNECTION ADMIN");
        assertThat(cluster.ran()).isEmpty();
    }

    @Test
    void loweringToOrBelowTheConnectionsInUseIsRefused() {
        db.threads = 40;
        assertThatThrownBy(() -> plan(CNF, "!slurm db max-connections 40")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("not above the 40 connections in use").hasMessageContaining("db connections");
        assertThatThrownBy(() -> plan(CNF, "!slurm db max-connections 100")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("already 100");
    }

    @Test
    void loweringAboveTheConnectionsInUseIsAllowed() throws UsageException {
        assertThat(plan(CNF, "!slurm db max-connections 50").summary()).contains("from 100 to 50");
    }

    @Test
    void valuesOutsideTheBoundsAreRefusedByTheDeclarationBeforeAnythingRuns() {
        assertThatThrownBy(() -> plan(CNF, "!slurm db max-connections 10001")).isInstanceOf(UsageException.class)
                .isNotInstanceOf(PlanRefusedException.class).hasMessageContaining("10001");
        assertThatThrownBy(() -> plan(CNF, "!slurm db max-connections 5")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> plan(CNF, "!slurm db max-connections lots")).isInstanceOf(UsageException.class);
        assertThat(cluster.ran()).isEmpty();
    }

    @Test
    void aPlanWhoseStartingValueChangedMeanwhileDoesNotRun() throws UsageException {
        Plan plan = plan(CNF, "!slurm db max-connections 300");
        db.max = 150;
        assertThat(new MaxConnectionsCommand(CNF).stillApplies(plan, ctx)).hasValueSatisfying(
                why -> assertThat(why).contains("changed since the plan was made").contains("100 → 150"));
    }
}
