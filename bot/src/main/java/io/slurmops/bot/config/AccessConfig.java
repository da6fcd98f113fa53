package io.slurmops.bot.config;

import io.slurmops.commands.catalog.Role;
import java.util.Map;
import java.util.Optional;

/**
 * Roles keyed on platform user ids, with optional per-channel overrides. Anyone not listed has no
 * role: deny by default.
 *
 * @param users    user id → role, everywhere
 * @param channels channel id → (user id → role) overriding {@code users} in that channel
 */
public record AccessConfig(Map<String, Role> users, Map<String, Map<String, Role>> channels) {

    public AccessConfig {
        users = Map.copyOf(users);
        channels = Map.copyOf(channels);
    }

    public Optional<Role> roleOf(String userId, String channelId) {
        Map<String, Role> inChannel = channels.get(channelId);
        if (inChannel != null && inChannel.containsKey(userId)) {
            return Optional.of(inChannel.get(userId));
        }
        return Optional.ofNullable(users.get(userId));
    }
}
