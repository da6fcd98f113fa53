package io.slurmops.commands.alerts;

import io.slurmops.commands.reply.Status;

import java.util.List;
import java.util.Objects;

/**
 * One unhealthy condition a probe saw, e.g. "node003 is down*: Not responding". Healthy things
 * produce no observation: an incident is open exactly while its key keeps being observed.
 *
 * @param key         stable identity of the condition: "{probe}:{subject}", e.g. "nodes:node003"
 * @param probe       the probe that owns the key
 * @param subject     what is affected (a node, "slurmctld", "slurmdbd")
 * @param severity    WARNING or CRITICAL
 * @param summary     one line for people
 * @param diagnosisId knowledge-base entry explaining it, empty if none
 * @param repair      the suggested fix as a chat command without prefix, empty if a person must decide
 * @param triage      what the first checks saw (one line each), posted in the incident's thread; may be empty
 */
public record Observation(String key, String probe, String subject, Status severity, String summary,
                          String diagnosisId, String repair, List<String> triage) {

    public Observation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        diagnosisId = diagnosisId == null ? "" : diagnosisId;
        repair = repair == null ? "" : repair;
        triage = triage == null ? List.of() : List.copyOf(triage);
        if (!key.startsWith(probe + ":")) {
            throw new IllegalArgumentException("key " + key + " must start with its probe name " + probe + ":");
        }
    }

    public Observation(String key, String probe, String subject, Status severity, String summary, String diagnosisId,
                       String repair) {
        this(key, probe, subject, severity, summary, diagnosisId, repair, List.of());
    }

    /** The same condition with the triage lines that explain it. */
    public Observation withTriage(List<String> lines) {
        return new Observation(key, probe, subject, severity, summary, diagnosisId, repair, lines);
    }

    public static Observation of(String probe, String subject, Status severity, String summary, String diagnosisId,
                                 String repair) {
        return new Observation(probe + ":" + subject, probe, subject, severity, summary, diagnosisId, repair);
    }

    public boolean hasRepair() {
        return !repair.isBlank();
    }
}
