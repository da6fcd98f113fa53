package io.slurmops.commands.read;

import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one health check: a verdict, one line for the health summary, the details a
 * person needs, and the knowledge-base findings with their repairs.
 *
 * @param unreadable nodes the check could not read, with why: no result for them (neither fine nor
 *                   failing); the health watch attaches them to the node's own incident
 */
public record CheckReport(String name, Status status, String summary, List<Block> details, List<Finding> findings,
                          Map<String, String> unreadable) {

    public CheckReport {
        details = List.copyOf(details);
        findings = KnowledgeBase.distinct(findings);
        unreadable = unreadable == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
    }

    public CheckReport(String name, Status status, String summary, List<Block> details, List<Finding> findings) {
        this(name, status, summary, details, findings, Map.of());
    }

    /** The check's own reply: "munge: 3 of 4 nodes OK" with details and diagnoses. */
    public Reply toReply(String prefix) {
        return Reply.builder(name + ": " + summary).status(status).addAll(details)
                .addAll(KnowledgeBase.render(findings, prefix)).build();
    }

}
