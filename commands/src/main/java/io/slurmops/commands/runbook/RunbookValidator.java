package io.slurmops.commands.runbook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a runbook against the seed's guard rails before it is offered: every step has a check,
 * nothing is destroyed without a verified backup earlier in the same runbook, services keep the safe
 * order, ids and values are declared once and used only when declared. Every problem names its
 * location; an empty list means the runbook may be planned.
 */
public final class RunbookValidator {

    private RunbookValidator() {
    }

    public static List<RunbookProblem> validate(Runbook rb) {
        List<RunbookProblem> problems = new ArrayList<>();
        structure(rb, problems);
        values(rb, problems);
        for (Step s : rb.steps()) {
            stepRules(s, problems);
            massAction(rb, s, problems);
        }
        BackupRule.check(rb, problems);
        ServiceOrderRule.check(rb, problems);
        return List.copyOf(problems);
    }

    private static void structure(Runbook rb, List<RunbookProblem> problems) {
        if (rb.steps().isEmpty()) {
            problems.add(new RunbookProblem(rb.source(), "no-steps", "runbook `" + rb.name() + "` has no steps"));
        }
        if (rb.verification().isEmpty()) {
            problems.add(new RunbookProblem(rb.source(), "no-verification",
                    "runbook `" + rb.name() + "` has no final verification (`verify:`)"));
        }
        Set<String> ids = new HashSet<>();
        for (Step s : rb.steps()) {
            if (!ids.add(s.id())) {
                Location first = rb.step(s.id()).orElseThrow().location();
                problems.add(new RunbookProblem(s.location(), "duplicate-id",
                        "step id `" + s.id() + "` is used twice (first at line " + first.line() + ")"));
            }
        }
        for (Gate g : rb.gates()) {
            if (rb.step(g.beforeStep()).isEmpty()) {
                problems.add(new RunbookProblem(g.location(), "gate-missing-step",
                        "gate before `" + g.beforeStep() + "`: no step has that id (steps: " + String.join(", ", ids) + ")"));
            }
        }
    }

    private static void values(Runbook rb, List<RunbookProblem> problems) {
        Set<String> names = new HashSet<>();
        for (Parameter p : rb.parameters()) {
            if (!names.add(p.name())) {
                problems.add(new RunbookProblem(p.location(), "duplicate-value", "value `" + p.name() + "` is declared twice"));
            }
            p.defaultValue().flatMap(d -> p.type().problemWith(d)).ifPresent(why -> problems.add(new RunbookProblem(
                    p.location(), "bad-default", "default of `" + p.name() + "` (" + p.type().label() + ") " + why)));
        }
        Map<String, Parameter> declared = rb.declared();
        for (Check c : rb.preconditions()) {
            undeclared(c.templates(), declared, rb.source(), "precondition " + c.kind(), problems);
        }
        for (Check c : rb.verification()) {
            undeclared(c.templates(), declared, rb.source(), "verification " + c.kind(), problems);
        }
        for (Step s : rb.steps()) {
            List<Template> used = new ArrayList<>(s.action().templates());
            s.check().ifPresent(c -> used.addAll(c.templates()));
            s.when().ifPresent(c -> used.addAll(c.templates()));
            undeclared(used, declared, s.location(), "step `" + s.id() + "`", problems);
        }
    }

    private static void undeclared(List<Template> used, Map<String, Parameter> declared, Location at, String where,
                                   List<RunbookProblem> problems) {
        used.stream().flatMap(t -> t.references().stream()).distinct().filter(n -> !declared.containsKey(n))
                .forEach(n -> problems.add(new RunbookProblem(at, "undeclared-value",
                        where + " uses ${" + n + "}, which `values:` does not declare")));
    }

    /**
     * Slide 21's mass outage: a service change on every node needs what a destructive command
     * needs (an admin requester and two approvals), so the runbook must say it is destructive.
     */
    private static void massAction(Runbook rb, Step s, List<RunbookProblem> problems) {
        s.action().serviceChange().filter(c -> c.on().kind() == HostSet.Kind.ALL_NODES && c.verb() != Action.Verb.START)
                .filter(c -> rb.risk() != io.slurmops.commands.catalog.Risk.DESTRUCTIVE)
                .ifPresent(c -> problems.add(new RunbookProblem(s.location(), "mass-action", "step `" + s.id() + "` "
                        + c.verb().label() + "s " + c.service().label() + " on all nodes: the runbook's risk must be"
                        + " destructive (admin requester, two approvals)")));
    }

    private static void stepRules(Step s, List<RunbookProblem> problems) {
        String where = "step `" + s.id() + "` (" + s.action().kind() + ")";
        if (s.effectiveCheck().isEmpty()) {
            problems.add(new RunbookProblem(s.location(), "no-check",
                    where + " has no check: add `check:` so the engine can tell it worked"));
        }
        if (s.action() instanceof ArgvActions.RawArgv raw && !raw.destructiveDeclared()) {
            problems.add(new RunbookProblem(s.location(), "raw-undeclared",
                    where + ": a raw argv needs an explicit `destructive:` (false, state, db or config)"));
        }
        SlurmOperations.refusal(s.action()).ifPresent(why ->
                problems.add(new RunbookProblem(s.location(), "unknown-operation", where + ": " + why)));
        List<Template> argv = s.action() instanceof ArgvActions.Scontrol sc ? sc.args()
                : s.action() instanceof ArgvActions.RawArgv raw ? raw.argv() : List.of();
        SlurmOperations.massNodeOutage(argv).ifPresent(why ->
                problems.add(new RunbookProblem(s.location(), "mass-action", where + " " + why)));
    }
}
