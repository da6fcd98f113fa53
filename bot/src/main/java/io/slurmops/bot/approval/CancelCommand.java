package io.slurmops.bot.approval;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.bot.pipeline.BotCommand;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;

/** {@code cancel N}: the requester withdraws an open request. */
public final class CancelCommand extends DeclaredCommand implements BotCommand {

    public CancelCommand() {
        super(CommandSpec.builder("cancel")
                .required("N", ArgTypes.requestId())
                .summary("Withdraw your own open request #N")
                .build());
    }

    @Override
    public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
        return desks.changes().cancel(inv.requestId("n"), m);
    }
}
