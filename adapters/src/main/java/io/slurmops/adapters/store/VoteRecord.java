package io.slurmops.adapters.store;

import java.time.Instant;

/**
 * One person's vote on one request.
 *
 * @param via "reaction" or "command"
 */
public record VoteRecord(long requestId, String voterId, String voterName, Decision decision, String comment,
                         String via, Instant at) {

    public VoteRecord {
        comment = comment == null ? "" : comment;
    }
}
