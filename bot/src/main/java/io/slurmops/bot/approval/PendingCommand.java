package io.slurmops.bot.approval;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.bot.pipeline.BotCommand;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;

/** {@code pending}: the requests waiting for approval, with votes and time left. */
public final class PendingCommand extends DeclaredCommand implements BotCommand {

    public PendingCommand() {
        super(CommandSpec.builder("pending")
                .summary("Requests waiting for approval, with their votes and expiry")
                .build());
    }

    @Override
    public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) {
        return new BotResponse(desks.changes().pending(), Outcome.DONE);
    }
}
