package io.slurmops.commands.runbook;

import io.slurmops.commands.catalog.Risk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.slurmops.commands.runbook.RunbookDraft.backupState;
import static io.slurmops.commands.runbook.RunbookDraft.clearState;
import static io.slurmops.commands.runbook.RunbookDraft.restart;
import static io.slurmops.commands.runbook.RunbookDraft.start;
import static io.slurmops.commands.runbook.RunbookDraft.stop;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each guard rail: a runbook that keeps it validates, one that breaks it is refused with the rule,
 * the message and the line of the offending step (step n is on line 10 + n).
 */
class RunbookValidatorTest {

    private static final Template STATE = Template.of("${stateDir}");

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("check from the action", new RunbookDraft().step("s", new ArgvActions.Scontrol(List.of(Template.of("ping"))))),
                Arguments.of("explicit check on an update", new RunbookDraft().step("s", scontrol("reconfigure"),
                        new Check.ControllerResponds(true))),
                Arguments.of("clear state after a verified copy", new RunbookDraft().step("stop", stop(Service.SLURMCTLD))
                        .step("copy", backupState(true)).step("clear", clearState()).step("start", start(Service.SLURMCTLD))),
                Arguments.of("db restore after a verified dump", new RunbookDraft()
                        .step("dump", new Actions.DbDump(Template.of("${backupDir}/db.sql.gz"), true))
                        .step("restore", new Actions.DbRestore(Template.of("${backupDir}/db.sql.gz")))),
                Arguments.of("table repair after a table-files copy taken with slurmdbd stopped", new RunbookDraft()
                        .step("stop", stop(Service.SLURMDBD)).step("copy", copyTables())
                        .step("repair", new DbTableActions.RepairTables(false)).step("frm", new DbTableActions.RepairTables(true))
                        .step("start", start(Service.SLURMDBD))),
                Arguments.of("raw destructive after a verified config copy", new RunbookDraft()
                        .step("copy", new Actions.CopyDirectory(Template.of("${configDir}"), Template.of("${backupDir}/etc"), true))
                        .step("raw", raw(Optional.of(DataKind.CONFIG), true), new Check.DbdResponds())),
                Arguments.of("stops down the order, starts up it", new RunbookDraft().step("a", stop(Service.SLURMD))
                        .step("b", stop(Service.SLURMCTLD)).step("c", stop(Service.SLURMDBD)).step("d", start(Service.SLURMDBD))
                        .step("e", start(Service.SLURMCTLD)).step("f", start(Service.SLURMD))),
                Arguments.of("restarts up the order", new RunbookDraft().step("a", restart(Service.SLURMDBD))
                        .step("b", restart(Service.SLURMCTLD))),
                Arguments.of("a change-risk runbook restarts slurmd on a hostlist", new RunbookDraft().risk(Risk.CHANGE)
                        .step("a", new Actions.Service(Action.Verb.RESTART, Service.SLURMD, HostSet.parse("node[001-002]"), false))),
                Arguments.of("gate before an existing step", new RunbookDraft().step("a", stop(Service.SLURMCTLD)).gate("a", 40)),
                Arguments.of("declared values only", new RunbookDraft().step("w", new Actions.WaitUntil(
                        new Check.ManifestMatches(Template.of("${backupDir}/x")), Duration.ofSeconds(5)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void a_runbook_that_keeps_the_rules_validates(String name, RunbookDraft draft) {
        assertThat(RunbookValidator.validate(draft.build())).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new RunbookDraft().step("upd", scontrol("update", "NodeName=node001", "State=resume")),
                        "no-check", 11, "step `upd` (scontrol) has no check: add `check:`"),
                Arguments.of(new RunbookDraft().step("raw", raw(Optional.empty(), false), new Check.DbdResponds()),
                        "raw-undeclared", 11, "a raw argv needs an explicit `destructive:`"),
                Arguments.of(new RunbookDraft().step("stop", stop(Service.SLURMCTLD)).step("clear", clearState()),
                        "state-without-copy", 12, "step `clear` (clear-state) destroys slurmctld state, but no earlier step copies"),
                Arguments.of(new RunbookDraft().step("copy", backupState(false), new Check.ControllerResponds(false))
                        .step("clear", clearState()),
                        "state-without-copy", 12, "destroys slurmctld state"),
                Arguments.of(new RunbookDraft().step("copy", backupState(true)).step("stop", stop(Service.SLURMCTLD))
                        .step("clear", clearState()),
                        "state-without-copy", 13, "while slurmctld is stopped (step `copy` copies it while slurmctld may run"),
                Arguments.of(new RunbookDraft().step("stop", stop(Service.SLURMCTLD)).attempt("copy", backupState(true))
                        .step("old", new Actions.UseOldState(STATE), new Check.ControllerResponds(false)),
                        "state-without-copy", 13, "step `old` (use-old-state) destroys slurmctld state"),
                Arguments.of(new RunbookDraft().step("clear", clearState()).step("copy", backupState(true)),
                        "state-without-copy", 11, "step `clear`"),
                Arguments.of(new RunbookDraft().step("restore", new Actions.DbRestore(Template.of("/srv/db.sql.gz"))),
                        "destructive-without-backup", 11, "destroys the accounting database, but no earlier step takes a verified `db-dump`"),
                Arguments.of(new RunbookDraft().step("stop", stop(Service.SLURMDBD))
                        .step("repair", new DbTableActions.RepairTables(false)),
                        "destructive-without-backup", 12, "step `repair` (db-repair-tables) repairs the damaged accounting tables,"
                                + " but no earlier step takes a verified `db-copy-damaged-tables` while slurmdbd is stopped"),
                Arguments.of(new RunbookDraft().step("copy", copyTables()).step("stop", stop(Service.SLURMDBD))
                        .step("frm", new DbTableActions.RepairTables(true)),
                        "destructive-without-backup", 13, "(step `copy` copies them while slurmdbd may run: stop slurmdbd first)"),
                Arguments.of(new RunbookDraft().step("stop", stop(Service.SLURMDBD)).step("recreate", new AssocActions.RecreateDb()),
                        "destructive-without-backup", 12, "step `recreate` (db-recreate) destroys the accounting database, but no"
                                + " earlier step takes a verified `db-dump`"),
                Arguments.of(new RunbookDraft().step("stop", stop(Service.SLURMDBD))
                        .step("dump", new Actions.DbDump(Template.of("${backupDir}/db.sql.gz"), true))
                        .step("repair", new DbTableActions.RepairTables(false)),
                        "destructive-without-backup", 13, "no earlier step takes a verified `db-copy-damaged-tables`"),
                Arguments.of(new RunbookDraft().step("copy", new Actions.CopyDirectory(Template.of("/etc/slurm"), Template.of("/b"), true))
                        .step("raw", raw(Optional.of(DataKind.CONFIG), true), new Check.DbdResponds()),
                        "destructive-without-backup", 12, "destroys the configuration"),
                Arguments.of(new RunbookDraft().step("a", stop(Service.SLURMDBD)).step("b", stop(Service.SLURMCTLD)),
                        "service-order", 12, "step `b` stops slurmctld while slurmdbd, stopped by step `a`, is not started again"
                                + " (stop order: slurmd → slurmctld → slurmdbd → mariadb)"),
                Arguments.of(new RunbookDraft().step("a", stop(Service.SLURMCTLD)).step("b", stop(Service.SLURMDBD))
                        .step("c", start(Service.SLURMCTLD)).step("d", start(Service.SLURMDBD)),
                        "service-order", 13, "step `c` starts slurmctld while slurmdbd, stopped by step `b`, is not started again"
                                + " (start order: mariadb → slurmdbd → slurmctld → slurmd)"),
                Arguments.of(new RunbookDraft().step("a", restart(Service.SLURMCTLD)).step("b", restart(Service.SLURMDBD)),
                        "service-order", 12, "step `b` restarts slurmdbd after step `a` restarted slurmctld: restart slurmdbd first"),
                Arguments.of(new RunbookDraft().step("x", stop(Service.SLURMD)).step("x", start(Service.SLURMD)),
                        "duplicate-id", 12, "step id `x` is used twice (first at line 11)"),
                Arguments.of(new RunbookDraft().step("a", stop(Service.SLURMCTLD)).gate("clear", 40),
                        "gate-missing-step", 40, "gate before `clear`: no step has that id"),
                Arguments.of(new RunbookDraft().step("w", new Actions.WaitUntil(new Check.NodesResponding(HostSet.parse("${nodes}")),
                        Duration.ofSeconds(5))), "undeclared-value", 11, "step `w` uses ${nodes}, which `values:` does not declare"),
                Arguments.of(new RunbookDraft().step("k", scontrol("shutdown"), new Check.ControllerResponds(false)),
                        "unknown-operation", 11, "scontrol `shutdown` is not a runbook operation"),
                Arguments.of(new RunbookDraft().step("down", scontrol("update", "NodeName=ALL", "State=down"),
                        new Check.ControllerResponds(true)), "mass-action", 11, "sets every node down at once"),
                Arguments.of(new RunbookDraft().risk(Risk.CHANGE).step("a", restart(Service.SLURMD)),
                        "mass-action", 11, "step `a` restarts slurmd on all nodes: the runbook's risk must be destructive"),
                Arguments.of(new RunbookDraft().value(new Parameter("stateDir", ValueType.PATH, Parameter.Known.PLAN,
                        Optional.empty(), "", new Location(RunbookDraft.FILE, 7))).step("a", stop(Service.SLURMD)),
                        "duplicate-value", 7, "value `stateDir` is declared twice"),
                Arguments.of(new RunbookDraft().value(new Parameter("nodes", ValueType.HOSTLIST, Parameter.Known.PLAN,
                        Optional.of("node[1-"), "", new Location(RunbookDraft.FILE, 8))).step("a", stop(Service.SLURMD)),
                        "bad-default", 8, "default of `nodes` (hostlist) is not a hostlist"),
                Arguments.of(new RunbookDraft().noVerification().step("a", stop(Service.SLURMD)),
                        "no-verification", 1, "has no final verification"));
    }

    @ParameterizedTest(name = "{1} at line {2}")
    @MethodSource("invalid")
    void a_runbook_that_breaks_a_rule_is_refused_with_the_rule_message_and_line(RunbookDraft draft, String rule, int line,
                                                                               String message) {
        List<RunbookProblem> problems = RunbookValidator.validate(draft.build());

        assertThat(problems).extracting(RunbookProblem::rule).containsExactly(rule);
        RunbookProblem p = problems.get(0);
        assertThat(p.location()).isEqualTo(new Location(RunbookDraft.FILE, line));
        assertThat(p.message()).contains(message);
        assertThat(p.toString()).startsWith("t.yaml:" + line + ": ");
    }

    private static DbTableActions.CopyDamagedTables copyTables() {
        return new DbTableActions.CopyDamagedTables(Template.of("${backupDir}/tables"));
    }

    private static ArgvActions.Scontrol scontrol(String... args) {
        return new ArgvActions.Scontrol(Stream.of(args).map(Template::of).toList());
    }

    private static ArgvActions.RawArgv raw(Optional<DataKind> destroys, boolean declared) {
        return new ArgvActions.RawArgv(List.of(Template.of("/usr/local/sbin/fix-conf")), HostSet.CONTROLLER, destroys, declared);
    }
}
