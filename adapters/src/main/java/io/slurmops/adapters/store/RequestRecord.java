package io.slurmops.adapters.store;

import java.time.Instant;

/**
 * One approval request as stored. Nullable fields are null until the request gets that far.
 *
 * @param messageId the platform id of the posted plan message: votes by reaction must be on it
 * @param runner    "host:pid" of the process that claimed the execution
 * @param announced false while a state change still has to be told in the request's channel
 */
public record RequestRecord(long id, RequestState state, String command, String line, String risk,
                            String requesterId, String requesterName, String platform, String channelId,
                            String messageId, int approvalsNeeded, String planText, String planHash,
                            Instant createdAt, Instant expiresAt, Instant decidedAt, Instant startedAt,
                            Instant finishedAt, Instant heartbeatAt, String runner, String outcome, boolean announced) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** "#12". */
    public String tag() {
        return "#" + id;
    }
}
