package io.slurmops.bot.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.runbook.Check;
import io.slurmops.commands.runbook.Gate;
import io.slurmops.commands.runbook.Location;
import io.slurmops.commands.runbook.Parameter;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.RunbookProblem;
import io.slurmops.commands.runbook.RunbookValidator;
import io.slurmops.commands.runbook.Step;
import io.slurmops.commands.runbook.ValueType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one runbook file into the typed model and validates it. The result is the runbook, or every
 * problem found, each with FILE:LINE; a file that does not parse gives the parser's line.
 */
final class RunbookYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Set<String> TOP = Set.of("name", "title", "description", "risk", "values", "preconditions",
            "steps", "gates", "verify");

    /** A runbook, or why the file was refused. */
    record Result(Optional<Runbook> runbook, List<RunbookProblem> problems) {
    }

    private RunbookYaml() {
    }

    static Result read(String file, String text) {
        YamlLines lines;
        try {
            lines = YamlLines.read(YAML, text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return refused(new RunbookProblem(new Location(file, line), "yaml", "not valid YAML: " + oneLine(e.getOriginalMessage())));
        } catch (IOException e) {
            return refused(new RunbookProblem(Location.unknown(file), "yaml", "cannot read: " + e.getMessage()));
        }
        List<RunbookProblem> problems = new ArrayList<>();
        YamlNode root = new YamlNode(lines.root(), "", file, lines, problems);
        if (lines.root() == null || !lines.root().isObject()) {
            return refused(new RunbookProblem(new Location(file, 1), "shape", "a runbook file is a mapping (name:, steps:, …)"));
        }
        root.allowOnly(TOP, "runbook");
        String name = root.text("name", true).orElse("");
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            root.get("name").problem("shape", "name `" + name + "` must be lower-case letters, digits and dashes");
        }
        Risk risk = root.text("risk", true).flatMap(r -> risk(root.get("risk"), r)).orElse(Risk.DESTRUCTIVE);
        List<Parameter> values = values(root.get("values"));
        List<Check> pre = checks(root.get("preconditions"));
        List<Step> steps = new ArrayList<>();
        root.get("steps").items().forEach(s -> StepYaml.read(s).ifPresent(steps::add));
        List<Gate> gates = gates(root.get("gates"));
        List<Check> verify = checks(root.get("verify"));
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        Runbook rb = new Runbook(name, root.text("title", false).orElse(name), root.text("description", false).orElse(""),
                risk, values, pre, steps, gates, verify, new Location(file, 1));
        List<RunbookProblem> invalid = RunbookValidator.validate(rb);
        return invalid.isEmpty() ? new Result(Optional.of(rb), List.of()) : new Result(Optional.empty(), invalid);
    }

    /** The parser's message on one line, without its caret drawings (the location is given apart). */
    private static String oneLine(String message) {
        return message.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("^"))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    private static Result refused(RunbookProblem p) {
        return new Result(Optional.empty(), List.of(p));
    }

    private static Optional<Risk> risk(YamlNode at, String text) {
        try {
            return Optional.of(Risk.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            at.problem("shape", "risk is read, change or destructive; got `" + text + "`");
            return Optional.empty();
        }
    }

    /** {@code values: {name: {type: path, known: plan|run, default: …, description: …}}}. */
    private static List<Parameter> values(YamlNode n) {
        List<Parameter> out = new ArrayList<>();
        for (String name : n.keys()) {
            YamlNode v = n.get(name);
            v.allowOnly(Set.of("type", "known", "default", "description"), "value " + name);
            Optional<ValueType> type = v.text("type", true).flatMap(t -> {
                Optional<ValueType> vt = ValueType.parse(t);
                if (vt.isEmpty()) {
                    v.get("type").problem("shape", "unknown type `" + t + "`; types: hostlist, path, state-dir, config-dir, text, duration");
                }
                return vt;
            });
            String known = v.text("known", true).orElse("plan");
            if (!known.equals("plan") && !known.equals("run")) {
                v.get("known").problem("shape", "`known:` is plan (given when asking) or run (set while running)");
            }
            type.ifPresent(t -> out.add(new Parameter(name, t, known.equals("run") ? Parameter.Known.RUN : Parameter.Known.PLAN,
                    v.text("default", false), v.text("description", false).orElse(""), v.location())));
        }
        return out;
    }

    private static List<Check> checks(YamlNode n) {
        List<Check> out = new ArrayList<>();
        n.items().forEach(c -> CheckYaml.read(c).ifPresent(out::add));
        return out;
    }

    /** {@code gates: [{before: step-id, approvals: 1, reason: …}]}. */
    private static List<Gate> gates(YamlNode n) {
        List<Gate> out = new ArrayList<>();
        for (YamlNode g : n.items()) {
            g.allowOnly(Set.of("before", "approvals", "reason"), "gate");
            Optional<String> before = g.text("before", true);
            int approvals = g.get("approvals").json() == null ? 1 : g.get("approvals").json().asInt(0);
            if (approvals < 1) {
                g.get("approvals").problem("shape", "a gate needs at least 1 approval");
            } else {
                before.ifPresent(b -> out.add(new Gate(b, approvals, g.text("reason", false).orElse(""), g.location())));
            }
        }
        return out;
    }
}
