package io.slurmops.bot.pipeline;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ReactionEvent;

/** Reactions on messages that are not plans (an alert's suggested fix); true when it took the reaction. */
@FunctionalInterface
public interface ReactionHook {

    ReactionHook NONE = (reaction, channel) -> false;

    boolean handle(ReactionEvent reaction, ChatChannel channel);
}
