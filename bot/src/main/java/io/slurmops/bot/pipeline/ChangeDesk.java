package io.slurmops.bot.pipeline;

import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.reply.Reply;

/**
 * Where the route stage sends a change: it is planned, frozen and posted for vote. Implemented by the
 * approvals; the pipeline only knows this interface, so it does not depend on them.
 */
public interface ChangeDesk {

    /** The command's effective risk: its declaration, possibly raised by configuration. */
    Risk riskOf(SlurmCommand command);

    /** Opens a request for the change; the answer carries the request id. */
    BotResponse request(ChangeCommand command, Invocation invocation, Risk risk, ChatMessage message,
                        ChatChannel channel);

    /** The requester withdraws request {@code id}. */
    BotResponse cancel(long id, ChatMessage message);

    /** The open requests with their votes and time left. */
    Reply pending();
}
