package io.slurmops.adapters.chat.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * Which reactions are on which messages, as this process has seen them. Discord's reaction events carry
 * no id, and a resumed gateway replays them; but a person cannot put the same emoji on a message twice
 * without taking it off in between. So an add of a reaction already present is a replay and is dropped,
 * and a removal clears it, so a ✅ taken off and put back counts again. Forgotten after two days (votes
 * expire long before) and bounded, so a flood cannot exhaust memory; after a restart a replay reaches
 * the vote rules, which count one vote per person anyway.
 */
final class ReactionPresence {

    private final Cache<String, Boolean> present = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(2))
            .maximumSize(200_000)
            .build();

    /** True when this add is new, false when the same person's same emoji is already on the message. */
    boolean added(String messageId, String userId, String emoji) {
        return present.asMap().putIfAbsent(key(messageId, userId, emoji), Boolean.TRUE) == null;
    }

    /** True when the reaction was known to be on the message (a removal seen once). */
    boolean removed(String messageId, String userId, String emoji) {
        return present.asMap().remove(key(messageId, userId, emoji)) != null;
    }

    private static String key(String messageId, String userId, String emoji) {
        return messageId + ':' + userId + ':' + emoji;
    }
}
