package io.slurmops.commands.chat;

import java.util.List;

/** What adapters deliver events to. The bot implements it; adapters never see more of the bot. */
public interface ChatHandler {

    void onMessage(ChatMessage message, ChatChannel channel);

    default void onReaction(ReactionEvent reaction, ChatChannel channel) {
    }

    /**
     * Whole command lines (without the prefix) that complete {@code partial}, for platforms with
     * autocomplete (Discord's application commands). Answered from memory, never by asking the cluster:
     * the platform gives up after 3 s. Empty for someone without a role there.
     */
    default List<String> complete(String platform, String channelId, String userId, String partial) {
        return List.of();
    }
}
