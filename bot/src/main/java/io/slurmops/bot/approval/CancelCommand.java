package io.slurmops.bot.approval;

import io.slurmops.bot.pipeline.BotCommand;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;

/** {@code cancel N}: the requester withdraws an open request. */
public final class CancelCommand implements BotCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("cancel")
            .arguments("N", 1, 1)
            .summary("Withdraw your own open request #N")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
        return desks.changes().cancel(BotCommand.requestId(inv.arg(0), SPEC.usage(desks.prefix())), m);
    }
}
