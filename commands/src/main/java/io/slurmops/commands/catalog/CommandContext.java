package io.slurmops.commands.catalog;

import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything a command may use: the cluster (through its transports), the knowledge base, the
 * clock, who asked and, for a change, the id of the approval request it belongs to.
 *
 * @param requester the display name of the person who asked
 * @param requestId the approval request's number (shown as #N), 0 outside an approval request
 */
public record CommandContext(ClusterAccess cluster, KnowledgeBase knowledgeBase, Clock clock, String requester,
                             String prefix, long requestId) {

    public CommandContext {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(prefix, "prefix");
        if (requestId < 0) {
            throw new IllegalArgumentException("requestId must not be negative");
        }
    }

    /** A context outside any approval request (read commands). */
    public CommandContext(ClusterAccess cluster, KnowledgeBase knowledgeBase, Clock clock, String requester,
                          String prefix) {
        this(cluster, knowledgeBase, clock, requester, prefix, 0);
    }

    public CommandContext forRequest(long id) {
        return new CommandContext(cluster, knowledgeBase, clock, requester, prefix, id);
    }

    /** "[alice #12]": appended to every Slurm Reason the bot writes, so sinfo -R tells who and which request. */
    public String requestTag() {
        return "[" + requester + (requestId > 0 ? " #" + requestId : "") + "]";
    }
}
