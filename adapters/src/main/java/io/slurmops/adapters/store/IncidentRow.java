package io.slurmops.adapters.store;

import java.time.Instant;

/**
 * One row of the incidents table, as the alert engine stores it (see the bot's Incident).
 *
 * @param platform  where the incident's message was posted; with {@code channelId} and
 *                  {@code messageId} it identifies the message (null until posted)
 */
public record IncidentRow(long id, String key, String probe, String subject, String severity, String summary,
                          String diagnosisId, String repair, Instant openedAt, Instant lastSeenAt, Instant resolvedAt,
                          String platform, String channelId, String messageId, int missedPolls, int flaps,
                          Instant firstResponseAt, Instant approvedAt, String requestId) {
}
