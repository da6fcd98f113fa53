package io.slurmops.bot.approval;

import io.slurmops.commands.catalog.Risk;

import java.util.Objects;

/**
 * A request whose plan is not a command's argv plan (a runbook run, a gate inside one): its owner
 * made the text people approve and its hash; the approvals record it, post it for vote and count the
 * votes exactly as for any change, then hand the approved request back to the owner
 * ({@link ProposalOwner}).
 *
 * @param command   the request's kind; the owner recognises its requests by it
 * @param planText  stored with the request; the owner reads it back when it is approved
 * @param preview   what approvers read (the plan in words)
 * @param requester who asks: their own vote never counts (for a gate, the run's requester)
 * @param threadOf  the message to post the vote under (a gate goes in its run's thread); null: the channel
 */
public record Proposal(String command, String line, Risk risk, int approvalsNeeded, String planText, String planHash,
                       String summary, String preview, Voter requester, String threadOf) {

    public Proposal {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(planText, "planText");
        Objects.requireNonNull(planHash, "planHash");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(requester, "requester");
        if (approvalsNeeded < 1) {
            throw new IllegalArgumentException("a proposal needs at least one approval");
        }
    }
}
