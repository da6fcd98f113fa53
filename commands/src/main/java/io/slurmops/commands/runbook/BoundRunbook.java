package io.slurmops.commands.runbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A runbook with its plan-time values bound: what a requester asks for and approvers approve.
 * Values known only at run time stay as {@code ${name}} and are recorded on the run.
 */
public record BoundRunbook(Runbook runbook, Map<String, String> planValues) {

    public BoundRunbook {
        Objects.requireNonNull(runbook, "runbook");
        planValues = Collections.unmodifiableMap(new LinkedHashMap<>(planValues));
    }

    /**
     * Binds the requester's values (and the declared defaults) to the plan-time values, each checked
     * against its type. Throws with every problem when a value is missing, mistyped, unknown, or
     * known only at run time.
     */
    public static BoundRunbook bind(Runbook rb, Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Parameter> declared = rb.declared();
        given.keySet().stream().filter(k -> !declared.containsKey(k)).sorted()
                .forEach(k -> problems.add("`" + k + "` is not a value of runbook " + rb.name()));
        for (Parameter p : declared.values()) {
            if (p.known() == Parameter.Known.RUN) {
                if (given.containsKey(p.name())) {
                    problems.add("`" + p.name() + "` is known only while the run goes; it cannot be given");
                }
                continue;
            }
            String v = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue().orElse(null);
            if (v == null) {
                problems.add("`" + p.name() + "` (" + p.type().label() + ") needs a value");
                continue;
            }
            p.type().problemWith(v).ifPresentOrElse(
                    why -> problems.add("`" + p.name() + "` = `" + v + "` " + why), () -> values.put(p.name(), v));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new BoundRunbook(rb, values);
    }

    /** A template with the plan-time values filled in. */
    public String text(Template t) {
        return t.bind(planValues);
    }

    public String text(String raw) {
        return Template.of(raw).bind(planValues);
    }
}
