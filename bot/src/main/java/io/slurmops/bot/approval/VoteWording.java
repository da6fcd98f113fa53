package io.slurmops.bot.approval;

import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

/**
 * What the bot says about a vote and about an approved request's progress. {@link Approvals} decides
 * what happened; this class only words it, so the sentences can change without touching the rules.
 */
final class VoteWording {

    private VoteWording() {
    }

    static Reply noSuchRequest(long id, String prefix) {
        return Reply.error("there is no request #" + id + " (see `" + prefix + " pending`)");
    }

    static Reply notOpen(RequestRecord r) {
        return warning(r.tag() + " is already " + r.state().label() + "; votes no longer count");
    }

    static Reply expired(RequestRecord r) {
        return warning(r.tag() + " expired at " + r.expiresAt()
                + " before enough approvals; nothing ran. Request it again if still needed.");
    }

    static Reply notCounted(String why) {
        return warning("vote not counted: " + why);
    }

    static Reply duplicate(Voter voter, RequestRecord r, int approvals) {
        return warning(voter.userName() + " already voted on " + r.tag() + "; one vote per person ("
                + approvals + "/" + r.approvalsNeeded() + " approvals so far)");
    }

    static Reply counted(Voter voter, RequestRecord r, int approvals) {
        return Reply.builder(voter.userName() + " approved " + r.tag() + " — " + approvals + "/"
                + r.approvalsNeeded() + " approvals; waiting for " + (r.approvalsNeeded() - approvals) + " more")
                .status(Status.PENDING).build();
    }

    static Reply withdrawn(Voter voter, RequestRecord r, int approvals) {
        return Reply.builder(voter.userName() + " withdrew their vote on " + r.tag() + " — " + approvals + "/"
                + r.approvalsNeeded() + " approvals; still waiting").status(Status.PENDING).build();
    }

    static Reply removedTooLate(Voter voter, RequestRecord r) {
        return info(voter.userName() + " removed their reaction from " + r.tag() + " after it was " + r.state().label()
                + "; that changes nothing (the vote stands in the audit)");
    }

    /** {@code why} is the counter's account of the deny ("denied by bob: …"). */
    static Reply denied(RequestRecord r, String why) {
        return warning(r.tag() + " " + why + "; nothing runs");
    }

    static Reply runningNow(RequestRecord r, Voter voter, int approvals) {
        return info(r.tag() + " approved by " + voter.userName() + " (" + approvals + "/" + r.approvalsNeeded()
                + "); running now");
    }

    static Reply alreadyRunning(RequestRecord r) {
        return info(r.tag() + " is already being run elsewhere");
    }

    static Reply resultPostedElsewhere(RequestRecord r) {
        return info(r.tag() + " approved; the result is posted where it was requested");
    }

    private static Reply warning(String text) {
        return Reply.builder(text).status(Status.WARNING).build();
    }

    private static Reply info(String text) {
        return Reply.builder(text).status(Status.INFO).build();
    }
}
