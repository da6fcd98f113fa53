package io.slurmops.commands.catalog;

import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything a command may use: the cluster (through its transports), the knowledge base, the
 * clock, and who asked.
 */
public record CommandContext(ClusterAccess cluster, KnowledgeBase knowledgeBase, Clock clock, String requester,
                             String prefix) {

    public CommandContext {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(prefix, "prefix");
    }
}
