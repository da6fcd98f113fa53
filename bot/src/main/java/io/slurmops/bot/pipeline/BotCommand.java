package io.slurmops.bot.pipeline;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;

/**
 * A command about the bot's own workflow (approve, deny, pending, cancel, audit): it needs who is
 * asking and the desks behind the pipeline, not the cluster. Listed in help like any command; the
 * route stage calls {@link #handle} instead of {@link #execute}, and only when the bot has a store.
 */
public interface BotCommand extends SlurmCommand {

    BotResponse handle(Invocation invocation, ChatMessage message, ChatChannel channel, Desks desks)
            throws UsageException;

    @Override
    default Reply execute(Invocation invocation, CommandContext context) {
        return Reply.error("`" + spec().name() + "` is handled by the bot itself");
    }
}
