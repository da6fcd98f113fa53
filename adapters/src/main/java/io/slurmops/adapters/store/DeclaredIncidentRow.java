package io.slurmops.adapters.store;

import java.time.Instant;

/**
 * A declared incident as stored (shown as INC-N). Nullable fields are null until that happened.
 *
 * @param messageId    the bot's post announcing it: its thread is the incident's thread
 * @param lastUpdateAt the newest status update (the declaration counts as the first)
 * @param remindedAt   the last reminder that an update is due
 */
public record DeclaredIncidentRow(long id, String severity, String title, String platform, String channelId,
                                  String messageId, String declaredBy, String lead, Instant declaredAt,
                                  Instant lastUpdateAt, Instant remindedAt, Instant resolvedAt) {

    public boolean isOpen() {
        return resolvedAt == null;
    }

    /** "INC-12": distinct from alert incidents, which show as #N. */
    public String tag() {
        return "INC-" + id;
    }
}
