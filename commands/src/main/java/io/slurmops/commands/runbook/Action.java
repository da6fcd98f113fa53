package io.slurmops.commands.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a step does, from a closed set, so the engine (not the YAML author) knows what each step
 * destroys, which service it starts or stops, and how its success is checked.
 */
public sealed interface Action permits Actions.Service, Actions.CopyDirectory, Actions.DbDump, Actions.DbRestore,
        ArgvActions.Scontrol, ArgvActions.Sacctmgr, Actions.ResumeNodesSetDown, Actions.WaitUntil, Actions.UseOldState,
        Actions.ClearState, ArgvActions.RawArgv,
        DbTableActions.CopyDamagedTables, DbTableActions.RepairTables,
        AssocActions.DumpAssociations, AssocActions.RecreateDb, AssocActions.LoadAssociations {

    /** The YAML key naming the action, e.g. "stop", "copy", "db-dump". */
    String kind();

    /** One line for people. */
    String describe();

    /** The action's arguments as they stand in the canonical text (after the kind). */
    List<String> fields();

    /** Templates the action uses (their references must be declared). */
    List<Template> templates();

    /** What the action destroys, if anything. */
    default Optional<DataKind> destroys() {
        return Optional.empty();
    }

    /** The check the engine runs after this action when the step names none. */
    default Optional<Check> inherentCheck() {
        return Optional.empty();
    }

    /** The service the action starts, stops or restarts, if any. */
    default Optional<ServiceChange> serviceChange() {
        return Optional.empty();
    }

    /** What a successful run of this action leaves a verified copy of, given the declared values' types. */
    default Optional<DataKind> verifiedBackupOf(Map<String, Parameter> declared) {
        return Optional.empty();
    }

    /** A service start, stop or restart on a host set. */
    record ServiceChange(Verb verb, Service service, HostSet on) {
    }

    enum Verb {
        START, STOP, RESTART;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
