package io.slurmops.bot.approval;

import io.slurmops.adapters.store.Decision;
import io.slurmops.bot.pipeline.BotCommand;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;

/** {@code approve N [comment]} and {@code deny N [comment]}: the same vote as a ✅/❌ reaction on the plan. */
public final class VoteCommand extends DeclaredCommand implements BotCommand {

    private final Decision decision;

    public VoteCommand(Decision decision) {
        super(declaration(decision == Decision.APPROVE));
        this.decision = decision;
    }

    private static CommandSpec declaration(boolean approve) {
        return CommandSpec.builder(approve ? "approve" : "deny")
                .required("N", ArgTypes.requestId()).text("COMMENT", false)
                .summary(approve ? "Approve request #N (approver role; not your own)" : "Deny request #N — any deny wins")
                .description(approve ? "Same as reacting ✅ on the plan message. The requester's vote never counts; "
                        + "one vote per person; when enough approvals are in, the plan runs at once."
                        : "Same as reacting ❌ on the plan message. One deny ends the request; nothing runs.")
                .build();
    }

    @Override
    public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
        long id = inv.requestId("n");
        return desks.votes().voteByCommand(id, decision, inv.text("comment").strip(), m, ch);
    }
}
