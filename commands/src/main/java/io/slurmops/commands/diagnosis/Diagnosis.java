package io.slurmops.commands.diagnosis;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the knowledge base: what an error looks like, what usually causes it, what to look
 * at next and how to repair it.
 *
 * @param id       stable key, e.g. "munge-invalid-credential"
 * @param title    short name shown in replies
 * @param patterns regular expressions matched against command output and log lines
 * @param cause    the usual cause, for people
 * @param check    the next diagnostic to run (a chat command or a shell command)
 * @param repair   the repair as a chat command without the prefix ("start slurmctld"), empty if
 *                 the repair needs a human decision
 * @param source   where the fact comes from (runbook slide, Slurm source file)
 */
public record Diagnosis(String id, String title, List<Pattern> patterns, String cause, String check, String repair,
                        String source) {

    public Diagnosis {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("diagnosis " + id + " has no pattern");
        }
        cause = cause == null ? "" : cause;
        check = check == null ? "" : check;
        repair = repair == null ? "" : repair;
        source = source == null ? "" : source;
    }

    public boolean hasRepair() {
        return !repair.isBlank();
    }
}
