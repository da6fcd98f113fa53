package io.slurmops.commands.runbook;

import io.slurmops.commands.catalog.Risk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-step recovery as data: declared values, preconditions, ordered steps, gates and a final
 * verification. Building one checks only its shape; {@link RunbookValidator} checks the guard rails.
 *
 * @param source the file it was read from (messages and the audit name it)
 */
public record Runbook(String name, String title, String description, Risk risk, List<Parameter> parameters,
                      List<Check> preconditions, List<Step> steps, List<Gate> gates, List<Check> verification,
                      Location source) {

    public Runbook {
        Objects.requireNonNull(name, "name");
        title = title == null ? name : title;
        description = description == null ? "" : description;
        Objects.requireNonNull(risk, "risk");
        parameters = List.copyOf(parameters);
        preconditions = List.copyOf(preconditions);
        steps = List.copyOf(steps);
        gates = List.copyOf(gates);
        verification = List.copyOf(verification);
        Objects.requireNonNull(source, "source");
    }

    /** Declared values by name (the first declaration wins; duplicates are a validation problem). */
    public Map<String, Parameter> declared() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        parameters.forEach(p -> out.putIfAbsent(p.name(), p));
        return out;
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The gates before a step. */
    public List<Gate> gatesBefore(String stepId) {
        return gates.stream().filter(g -> g.beforeStep().equals(stepId)).toList();
    }
}
