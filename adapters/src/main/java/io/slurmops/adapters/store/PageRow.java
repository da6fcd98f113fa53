package io.slurmops.adapters.store;

import java.time.Instant;

/**
 * One row of the page outbox: something to send for an incident at one escalation level to one target.
 *
 * @param action  trigger, acknowledge or resolve (PagerDuty's event actions); a chat mention is a trigger
 * @param state   PENDING until SENT, or CANCELLED (acknowledged or recovered first), or FAILED (gave up)
 * @param detail  what the sender needs besides its own keys (a JSON object built when the row is written)
 */
public record PageRow(long id, long incidentId, String incidentKey, String level, String target, String action,
                      String state, String detail, int attempts, Instant nextAt, String claimedBy,
                      Instant createdAt, Instant sentAt, String lastError) {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String CANCELLED = "CANCELLED";
    public static final String FAILED = "FAILED";

    public static final String TRIGGER = "trigger";
    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String RESOLVE = "resolve";
}
