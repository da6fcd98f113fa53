package io.slurmops.adapters.store;

import java.time.Instant;

/** One row of the incidents table, as the alert engine stores it (see the bot's Incident). */
public record IncidentRow(long id, String key, String probe, String subject, String severity, String summary,
                          String diagnosisId, String repair, Instant openedAt, Instant lastSeenAt, Instant resolvedAt,
                          String messageId, int missedPolls, int flaps, Instant firstResponseAt, Instant approvedAt,
                          String requestId) {
}
