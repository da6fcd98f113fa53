package io.slurmops.commands.read;

import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.List;

/**
 * The result of one health check: a verdict, one line for the health summary, the details a
 * person needs, and the knowledge-base findings with their repairs.
 */
public record CheckReport(String name, Status status, String summary, List<Block> details, List<Finding> findings) {

    public CheckReport {
        details = List.copyOf(details);
        findings = KnowledgeBase.distinct(findings);
    }

    /** The check's own reply: "munge: 3 of 4 nodes OK" with details and diagnoses. */
    public Reply toReply(String prefix) {
        return Reply.builder(name + ": " + summary).status(status).addAll(details)
                .addAll(KnowledgeBase.render(findings, prefix)).build();
    }

}
