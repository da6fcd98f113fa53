package io.slurmops.commands.runbook;

import java.util.Objects;
import java.util.Optional;

/**
 * One step of a runbook.
 *
 * @param check    the step's own check; when empty the action's inherent check applies
 * @param when     the step runs only when this holds (e.g. "controller-down" after an attempt)
 * @param attempt  a failed check does not stop the run: a later step's {@code when} decides what next
 *                 (the seed's "least destructive first": .old files, then -i, then clearing)
 * @param rollback what to do to undo the step, shown to approvers and on failure
 */
public record Step(String id, String title, Action action, Optional<Check> check, Optional<Check> when,
                   boolean attempt, String rollback, Location location) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        title = title == null || title.isBlank() ? action.describe() : title;
        check = check == null ? Optional.empty() : check;
        when = when == null ? Optional.empty() : when;
        rollback = rollback == null ? "" : rollback;
        Objects.requireNonNull(location, "location");
    }

    /** The check the engine runs after this step: the step's own, else the action's. */
    public Optional<Check> effectiveCheck() {
        return check.isPresent() ? check : action.inherentCheck();
    }

    /** Whether the step certainly runs and certainly stops the run when its check fails. */
    public boolean unconditional() {
        return when.isEmpty() && !attempt;
    }
}
