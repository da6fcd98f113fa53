package io.slurmops.commands.alerts;

import io.slurmops.commands.reply.Status;

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
 */
public record Observation(String key, String probe, String subject, Status severity, String summary,
                          String diagnosisId, String repair) {

    public Observation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        diagnosisId = diagnosisId == null ? "" : diagnosisId;
        repair = repair == null ? "" : repair;
        if (!key.startsWith(probe + ":")) {
            throw new IllegalArgumentException("key " + key + " must start with its probe name " + probe + ":");
        }
    }

    public static Observation of(String probe, String subject, Status severity, String summary, String diagnosisId,
                                 String repair) {
        return new Observation(probe + ":" + subject, probe, subject, severity, summary, diagnosisId, repair);
    }

    public boolean hasRepair() {
        return !repair.isBlank();
    }
}
