package io.slurmops.commands.runbook;

/**
 * One reason a runbook is refused: where (file:line), which rule, and what to do. A runbook with any
 * problem is never offered or run; the others still load.
 *
 * @param rule a stable short name ("no-check", "service-order", …) so tests and docs can name it
 */
public record RunbookProblem(Location location, String rule, String message) {

    @Override
    public String toString() {
        return location + ": " + message + " [" + rule + "]";
    }
}
