package io.slurmops.commands.diagnosis;

/** A diagnosis that matched, with the line that matched it (evidence shown to people). */
public record Finding(Diagnosis diagnosis, String evidence) {
}
