package io.slurmops.bot.approval;

import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

/** What to say in a request's channel about a state change that happened without that channel at hand. */
final class Announcements {

    private Announcements() {
    }

    static Reply of(RequestRecord r, String prefix) {
        String what = "`" + r.line() + "` (requested by " + r.requesterName() + ")";
        return switch (r.state()) {
            case EXPIRED -> r.outcome() != null && r.outcome().startsWith(Sweeper.LATE)
                    ? Reply.builder("⌛ " + r.tag() + " was approved but not run: its approval is too old")
                    .status(Status.WARNING)
                    .paragraph(what + ": " + r.outcome().substring(Sweeper.LATE.length() + 2)
                            + ". Request it again if it is still needed.")
                    .build()
                    : Reply.builder("⌛ " + r.tag() + " expired without enough approvals; nothing ran")
                    .status(Status.WARNING)
                    .paragraph(what + " needed " + r.approvalsNeeded() + " approval"
                            + (r.approvalsNeeded() == 1 ? "" : "s") + " before " + r.expiresAt()
                            + ". Request it again if it is still needed.")
                    .build();
            case INTERRUPTED -> Reply.builder(r.tag() + " was interrupted and will not be re-run")
                    .status(Status.CRITICAL)
                    .paragraph(what + " was running in " + (r.runner() == null ? "a slurmops process" : r.runner())
                            + ", which stopped before it finished. Some steps may have run: see `" + prefix + " audit #"
                            + r.id() + "` and check the cluster before requesting it again.")
                    .build();
            default -> Reply.builder(r.tag() + " " + r.state().label() + ": " + (r.outcome() == null ? "" : r.outcome()))
                    .status(switch (r.state()) {
                        case SUCCEEDED, APPROVED -> Status.OK;
                        case STALE, CANCELLED, DENIED -> Status.WARNING;
                        default -> Status.ERROR;
                    })
                    .paragraph(what)
                    .build();
        };
    }
}
