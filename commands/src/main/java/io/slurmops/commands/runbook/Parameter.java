package io.slurmops.commands.runbook;

import java.util.Objects;
import java.util.Optional;

/**
 * A value a runbook declares before it may use it as {@code ${name}}.
 *
 * @param known        when the value is fixed: at plan time (part of what is approved) or only while
 *                     the run goes (the backup's path, the nodes this run set down): recorded on the run
 * @param defaultValue used at plan time when the requester gives none
 */
public record Parameter(String name, ValueType type, Known known, Optional<String> defaultValue, String description,
                        Location location) {

    /** When a value becomes known. */
    public enum Known { PLAN, RUN }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(known, "known");
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
        description = description == null ? "" : description;
    }
}
