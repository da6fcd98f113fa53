package io.slurmops.bot.pipeline;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.function.Function;

/**
 * Stage 4: an authorized command goes one of three ways. A read runs at once (and is audited); a
 * change goes to the change desk to be planned and voted on; the bot's own commands (votes, cancel,
 * pending, audit) get the desks. Without a store only reads are possible.
 */
final class RouteStage {

    private final Desks desks;
    private final Function<String, CommandContext> readContexts;
    private final AuditStage audit;

    /**
     * @param desks        null for a bot without a store
     * @param readContexts the context a read runs in, for the requester's name
     */
    RouteStage(Desks desks, Function<String, CommandContext> readContexts, AuditStage audit) {
        this.desks = desks;
        this.readContexts = readContexts;
        this.audit = audit;
    }

    BotResponse route(CommandCatalog.Parsed parsed, Risk risk, ChatMessage m, ChatChannel ch) throws UsageException {
        SlurmCommand command = parsed.command();
        if (command instanceof ChangeCommand c && c.dryRun(parsed.invocation())) {
            return read(command, parsed, m);            // a dry run changes nothing: no request, no votes
        }
        if (command instanceof BotCommand || command instanceof ChangeCommand) {
            if (desks == null) {
                return new BotResponse(Reply.error("`" + command.spec().name() + "` needs the approval store, "
                        + "which this bot runs without"), Outcome.FAILED);
            }
            if (command instanceof BotCommand b) {
                return b.handle(parsed.invocation(), m, ch, desks);
            }
            return desks.changes().request((ChangeCommand) command, parsed.invocation(), risk, m, ch);
        }
        return read(command, parsed, m);
    }

    private BotResponse read(SlurmCommand command, CommandCatalog.Parsed parsed, ChatMessage m) throws UsageException {
        Reply reply = command.execute(parsed.invocation(), readContexts.apply(m.userName()));
        boolean failed = reply.status() == Status.ERROR || reply.status() == Status.CRITICAL;
        audit.read(m, reply.status());
        return new BotResponse(reply, failed ? Outcome.FAILED : Outcome.DONE);
    }
}
