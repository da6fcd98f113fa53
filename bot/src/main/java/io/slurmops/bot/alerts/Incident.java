package io.slurmops.bot.alerts;

import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One fault from first observation to recovery. Persisted, so a restart neither re-posts nor forgets.
 *
 * @param missedPolls consecutive polls without the condition; recovery needs several (flap suppression)
 * @param flaps       how often it came back within the flap window after looking recovered
 */
public record Incident(long id, String key, String probe, String subject, Status severity, String summary,
                       String diagnosisId, String repair, Instant openedAt, Instant lastSeenAt, Instant resolvedAt,
                       AlertMessage message, int missedPolls, int flaps, Instant firstResponseAt, Instant approvedAt,
                       String requestId) {

    /** The id of the incident's first message, null until it is posted. */
    public String messageId() {
        return message == null ? null : message.id();
    }

    public boolean isOpen() {
        return resolvedAt == null;
    }

    public Optional<Duration> duration() {
        return resolvedAt == null ? Optional.empty() : Optional.of(Duration.between(openedAt, resolvedAt));
    }

    static Incident open(long id, Observation o, Instant now) {
        return new Incident(id, o.key(), o.probe(), o.subject(), o.severity(), o.summary(), o.diagnosisId(),
                o.repair(), now, now, null, null, 0, 0, null, null, null);
    }

    Incident seen(Observation o, Instant now) {
        return new Incident(id, key, probe, subject, o.severity(), o.summary(), o.diagnosisId(), o.repair(), openedAt,
                now, null, message, 0, flaps, firstResponseAt, approvedAt, requestId);
    }

    Incident missed() {
        return new Incident(id, key, probe, subject, severity, summary, diagnosisId, repair, openedAt, lastSeenAt,
                null, message, missedPolls + 1, flaps, firstResponseAt, approvedAt, requestId);
    }

    Incident resolved(Instant now) {
        return new Incident(id, key, probe, subject, severity, summary, diagnosisId, repair, openedAt, lastSeenAt, now,
                message, missedPolls, flaps, firstResponseAt, approvedAt, requestId);
    }

    Incident reopened(Observation o, Instant now) {
        return new Incident(id, key, probe, subject, o.severity(), o.summary(), o.diagnosisId(), o.repair(), openedAt,
                now, null, message, 0, flaps + 1, firstResponseAt, approvedAt, requestId);
    }

    public Incident withMessage(AlertMessage posted) {
        return new Incident(id, key, probe, subject, severity, summary, diagnosisId, repair, openedAt, lastSeenAt,
                resolvedAt, posted, missedPolls, flaps, firstResponseAt, approvedAt, requestId);
    }

    public Incident responded(Instant at) {
        return firstResponseAt != null ? this : new Incident(id, key, probe, subject, severity, summary, diagnosisId,
                repair, openedAt, lastSeenAt, resolvedAt, message, missedPolls, flaps, at, approvedAt, requestId);
    }

    public Incident approved(Instant at, String request) {
        return new Incident(id, key, probe, subject, severity, summary, diagnosisId, repair, openedAt, lastSeenAt,
                resolvedAt, message, missedPolls, flaps, firstResponseAt == null ? at : firstResponseAt, at, request);
    }

    public Incident withRequest(String request) {
        return new Incident(id, key, probe, subject, severity, summary, diagnosisId, repair, openedAt, lastSeenAt,
                resolvedAt, message, missedPolls, flaps, firstResponseAt, approvedAt, request);
    }
}
