package io.slurmops.bot.approval;

import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The message people vote on for a {@link Proposal}: its preview, who may approve, until when, and the hash. */
final class ProposalMessage {

    private ProposalMessage() {
    }

    static Reply render(long id, Proposal p, List<String> approvers, Instant expires, String prefix, ZoneId zone,
                        Instant now) {
        Reply.Builder b = Reply.builder("#" + id + " needs " + p.approvalsNeeded() + " approval"
                + (p.approvalsNeeded() == 1 ? "" : "s") + ": " + p.summary()).status(Status.PENDING);
        b.paragraph("Requested by " + p.requester().userName() + " · risk " + p.risk().label()
                + " · the requester's own vote never counts");
        b.code(p.preview().strip());
        List<String> others = approvers.stream().filter(a -> !a.equals(p.requester().userId())).toList();
        b.fields(List.of(
                Map.entry("May approve", others.isEmpty()
                        ? "nobody besides the requester has the approver role here — this request cannot be approved"
                        : String.join(", ", others) + " (approver or admin role; not " + p.requester().userName() + ")"),
                Map.entry("Expires", DateTimeFormatter.ofPattern("HH:mm:ss z").withZone(zone).format(expires)
                        + " (in " + PlanMessage.minutes(Duration.between(now, expires)) + ")"),
                Map.entry("Plan hash", "sha256:" + p.planHash().substring(0, 16) + "…")));
        b.paragraph("Approve: react ✅ on this message or `" + prefix + " approve " + id + " [comment]`. Deny: ❌ or `"
                + prefix + " deny " + id + " [why]` — any deny wins.");
        return b.build();
    }
}
