package io.slurmops.bot.runbook;

import io.slurmops.commands.runbook.Action;
import io.slurmops.commands.runbook.Actions;
import io.slurmops.commands.runbook.ArgvActions;
import io.slurmops.commands.runbook.AssocActions;
import io.slurmops.commands.runbook.Check;
import io.slurmops.commands.runbook.DataKind;
import io.slurmops.commands.runbook.DbTableActions;
import io.slurmops.commands.runbook.HostSet;
import io.slurmops.commands.runbook.Step;
import io.slurmops.commands.runbook.Template;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one step: an id, exactly one action key from the closed set, and the common keys (check,
 * when, attempt, rollback, title) plus the keys its action takes.
 */
final class StepYaml {

    static final List<String> ACTIONS = List.of("start", "stop", "restart", "copy", "db-dump", "db-restore", "scontrol",
            "sacctmgr", "resume-nodes-set-down", "wait-until", "use-old-state", "clear-state", "db-copy-damaged-tables", "db-repair-tables", "assoc-dump", "db-recreate", "assoc-load", "run");
    private static final Set<String> COMMON = Set.of("id", "title", "check", "when", "attempt", "rollback");
    private static final Set<String> ACTION_OPTIONS = Set.of("on", "ignore-state", "destructive", "timeout");

    private StepYaml() {
    }

    static Optional<Step> read(YamlNode n) {
        if (n.json() == null || !n.json().isObject()) {
            n.problem("shape", "a step is a mapping with an `id` and one action");
            return Optional.empty();
        }
        List<String> actions = n.keys().stream().filter(ACTIONS::contains).toList();
        List<String> unknown = n.keys().stream().filter(k -> !ACTIONS.contains(k) && !COMMON.contains(k)
                && !ACTION_OPTIONS.contains(k)).toList();
        if (actions.isEmpty()) {
            n.problem("unknown-action", (unknown.isEmpty() ? "step has no action" : "unknown action `" + unknown.get(0) + "`")
                    + "; actions: " + String.join(", ", ACTIONS));
            return Optional.empty();
        }
        if (actions.size() > 1) {
            n.problem("shape", "a step has one action; this one has " + String.join(", ", actions));
            return Optional.empty();
        }
        String kind = actions.get(0);
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.add(kind);
        allowed.addAll(optionsOf(kind));
        n.allowOnly(allowed, "step " + kind);
        Optional<String> id = n.text("id", true);
        Optional<Action> action = action(n, kind);
        Optional<Check> check = n.has("check") ? CheckYaml.read(n.get("check")) : Optional.empty();
        Optional<Check> when = n.has("when") ? CheckYaml.read(n.get("when")) : Optional.empty();
        if (id.isEmpty() || action.isEmpty() || (n.has("check") && check.isEmpty()) || (n.has("when") && when.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Step(id.get(), n.text("title", false).orElse(null), action.get(), check, when,
                n.flag("attempt", false), n.text("rollback", false).orElse(""), n.location()));
    }

    private static Set<String> optionsOf(String kind) {
        return switch (kind) {
            case "start" -> Set.of("on", "ignore-state");
            case "stop", "restart" -> Set.of("on");
            case "run" -> Set.of("on", "destructive");
            case "wait-until" -> Set.of("timeout");
            default -> Set.of();
        };
    }

    private static Optional<Action> action(YamlNode n, String kind) {
        YamlNode arg = n.get(kind);
        return switch (kind) {
            case "start", "stop", "restart" -> arg.scalar().flatMap(s -> CheckYaml.service(arg, s)).flatMap(s -> {
                boolean ignore = n.flag("ignore-state", false);
                if (ignore && !(kind.equals("start") && s == io.slurmops.commands.runbook.Service.SLURMCTLD)) {
                    n.get("ignore-state").problem("shape", "only `start: slurmctld` can ignore unrecoverable state");
                    return Optional.empty();
                }
                HostSet on = n.text("on", false).map(HostSet::parse).orElse(HostSet.defaultFor(s));
                return Optional.of(new Actions.Service(Action.Verb.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), s, on, ignore));
            });
            case "copy" -> copy(arg);
            case "db-dump" -> arg.json() != null && arg.json().isTextual()
                    ? Optional.of(new Actions.DbDump(Template.of(arg.json().asText()), true))
                    : arg.text("to", true).map(to -> new Actions.DbDump(Template.of(to), arg.flag("verify", true)));
            case "db-restore" -> arg.scalar().map(p -> new Actions.DbRestore(Template.of(p)));
            case "scontrol" -> argv(arg).map(a -> new ArgvActions.Scontrol(a));
            case "sacctmgr" -> argv(arg).map(a -> new ArgvActions.Sacctmgr(a));
            case "resume-nodes-set-down" -> Optional.of(new Actions.ResumeNodesSetDown());
            case "wait-until" -> CheckYaml.read(arg).flatMap(c -> n.text("timeout", true)
                    .flatMap(t -> Durations.parse(n.get("timeout"), t)).map(d -> new Actions.WaitUntil(c, d)));
            case "use-old-state" -> arg.scalar().map(p -> new Actions.UseOldState(Template.of(p)));
            case "clear-state" -> arg.scalar().map(p -> new Actions.ClearState(Template.of(p)));
            case "db-copy-damaged-tables" -> arg.json() != null && arg.json().isTextual()
                    ? Optional.of(new DbTableActions.CopyDamagedTables(Template.of(arg.json().asText())))
                    : arg.text("to", true).map(to -> new DbTableActions.CopyDamagedTables(Template.of(to)));
            case "db-repair-tables" -> arg.scalar().flatMap(m -> repairMode(arg, m));
            case "assoc-dump" -> arg.scalar().map(p -> new AssocActions.DumpAssociations(Template.of(p)));
            case "db-recreate" -> arg.scalar().filter("true"::equals).map(t -> (Action) new AssocActions.RecreateDb())
                    .or(() -> {
                        arg.problem("shape", "`db-recreate: true` (it drops the whole accounting database)");
                        return Optional.empty();
                    });
            case "assoc-load" -> arg.scalar().map(p -> new AssocActions.LoadAssociations(Template.of(p)));
            default -> raw(n, arg);
        };
    }

    /** {@code db-repair-tables: mysqlcheck} or {@code db-repair-tables: use-frm} (the last resort). */
    private static Optional<Action> repairMode(YamlNode arg, String mode) {
        if (mode.equals("mysqlcheck") || mode.equals("use-frm")) {
            return Optional.of(new DbTableActions.RepairTables(mode.equals("use-frm")));
        }
        arg.problem("shape", "`db-repair-tables:` is mysqlcheck or use-frm; got `" + mode + "`");
        return Optional.empty();
    }

    private static Optional<Action> copy(YamlNode arg) {
        arg.allowOnly(Set.of("from", "to", "verify"), "copy");
        Optional<String> from = arg.text("from", true);
        Optional<String> to = arg.text("to", true);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Actions.CopyDirectory(Template.of(from.get()), Template.of(to.get()), arg.flag("verify", true)));
    }

    private static Optional<List<Template>> argv(YamlNode arg) {
        List<String> a = arg.strings();
        if (a.isEmpty()) {
            arg.problem("shape", "expected an argument list, e.g. [ping]");
            return Optional.empty();
        }
        return Optional.of(a.stream().map(Template::of).toList());
    }

    /** {@code run: [argv]} with {@code on:} and an explicit {@code destructive: false|state|db|config}. */
    private static Optional<Action> raw(YamlNode n, YamlNode arg) {
        Optional<List<Template>> argv = argv(arg);
        Optional<String> on = n.text("on", true);
        boolean declared = n.has("destructive");
        Optional<DataKind> destroys = Optional.empty();
        if (declared) {
            String d = n.get("destructive").json().asText();
            if (!d.equals("false")) {
                destroys = DataKind.parse(d);
                if (destroys.isEmpty()) {
                    n.get("destructive").problem("shape", "`destructive:` is false, state, db or config; got `" + d + "`");
                    return Optional.empty();
                }
            }
        }
        if (argv.isEmpty() || on.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ArgvActions.RawArgv(argv.get(), HostSet.parse(on.get()), destroys, declared));
    }
}
