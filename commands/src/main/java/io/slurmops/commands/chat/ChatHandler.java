package io.slurmops.commands.chat;

/** What adapters deliver events to. The bot implements it; adapters never see more of the bot. */
public interface ChatHandler {

    void onMessage(ChatMessage message, ChatChannel channel);

    default void onReaction(ReactionEvent reaction, ChatChannel channel) {
    }
}
