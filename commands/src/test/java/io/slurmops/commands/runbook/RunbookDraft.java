package io.slurmops.commands.runbook;

import io.slurmops.commands.catalog.Risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds runbooks in tests: step n sits on line 10 + n of "t.yaml", so locations are predictable. */
final class RunbookDraft {

    static final String FILE = "t.yaml";

    private final List<Parameter> values = new ArrayList<>(List.of(
            new Parameter("stateDir", ValueType.STATE_DIR, Parameter.Known.PLAN, Optional.empty(), "", new Location(FILE, 3)),
            new Parameter("configDir", ValueType.CONFIG_DIR, Parameter.Known.PLAN, Optional.of("/etc/slurm"), "", new Location(FILE, 4)),
            new Parameter("backupDir", ValueType.PATH, Parameter.Known.RUN, Optional.empty(), "", new Location(FILE, 5))));
    private final List<Step> steps = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();
    private Risk risk = Risk.DESTRUCTIVE;
    private final List<Check> verify = new ArrayList<>(List.of(new Check.ControllerResponds(true)));

    RunbookDraft step(String id, Action action) {
        return add(id, action, Optional.empty(), Optional.empty(), false);
    }

    RunbookDraft step(String id, Action action, Check check) {
        return add(id, action, Optional.of(check), Optional.empty(), false);
    }

    RunbookDraft conditional(String id, Action action, Check when) {
        return add(id, action, Optional.empty(), Optional.of(when), false);
    }

    RunbookDraft attempt(String id, Action action) {
        return add(id, action, Optional.empty(), Optional.empty(), true);
    }

    RunbookDraft gate(String before, int line) {
        gates.add(new Gate(before, 1, "why", new Location(FILE, line)));
        return this;
    }

    RunbookDraft value(Parameter p) {
        values.add(p);
        return this;
    }

    RunbookDraft risk(Risk r) {
        risk = r;
        return this;
    }

    RunbookDraft noVerification() {
        verify.clear();
        return this;
    }

    private RunbookDraft add(String id, Action action, Optional<Check> check, Optional<Check> when, boolean attempt) {
        steps.add(new Step(id, null, action, check, when, attempt, "undo " + id, new Location(FILE, 11 + steps.size())));
        return this;
    }

    Runbook build() {
        return new Runbook("t", "T", "", risk, values, List.of(), steps, gates, verify, new Location(FILE, 1));
    }

    static Actions.Service stop(Service s) {
        return new Actions.Service(Action.Verb.STOP, s, HostSet.defaultFor(s), false);
    }

    static Actions.Service start(Service s) {
        return new Actions.Service(Action.Verb.START, s, HostSet.defaultFor(s), false);
    }

    static Actions.Service restart(Service s) {
        return new Actions.Service(Action.Verb.RESTART, s, HostSet.defaultFor(s), false);
    }

    static Actions.CopyDirectory backupState(boolean verify) {
        return new Actions.CopyDirectory(Template.of("${stateDir}"), Template.of("${backupDir}/state"), verify);
    }

    static Actions.ClearState clearState() {
        return new Actions.ClearState(Template.of("${stateDir}"));
    }
}
