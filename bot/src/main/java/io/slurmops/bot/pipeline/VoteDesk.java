package io.slurmops.bot.pipeline;

import io.slurmops.adapters.store.Decision;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;

import java.util.Optional;

/** Where votes go, typed ({@code approve N}) or by reaction on a plan message. Implemented by the approvals. */
public interface VoteDesk {

    /** A vote typed as a command by the message's author. */
    BotResponse voteByCommand(long requestId, Decision decision, String comment, ChatMessage message,
                              ChatChannel channel);

    /** A reaction; empty when it is no vote (another emoji, or not on an open request's plan message). */
    Optional<BotResponse> voteByReaction(ReactionEvent reaction, ChatChannel channel);

    /** A vote reaction taken off a plan message; empty when it took back nothing worth saying. */
    Optional<BotResponse> withdrawByReaction(ReactionEvent reaction, ChatChannel channel);
}
