package io.slurmops.bot.approval;

import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.commands.reply.Reply;

/**
 * Who does the work of the requests it proposed ({@link Proposal}) once they are approved. The
 * approvals count the votes; the owner claims the request ({@link Approvals#claim}) so that it runs
 * once however many voters, threads or processes see the approval.
 */
public interface ProposalOwner {

    ProposalOwner NONE = new ProposalOwner() {
        @Override
        public boolean owns(String command) {
            return false;
        }

        @Override
        public Reply approved(RequestRecord r) {
            throw new IllegalStateException("no owner for " + r.command());
        }
    };

    boolean owns(String command);

    /** Approved: claim it and start the work elsewhere; called on the voter's thread, so it returns at once. */
    Reply approved(RequestRecord r);

    /** Denied (any deny wins): nothing of it runs. */
    default void denied(RequestRecord r) {
    }
}
