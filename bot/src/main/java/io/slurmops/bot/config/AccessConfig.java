package io.slurmops.bot.config;

import io.slurmops.commands.catalog.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roles keyed on qualified identities ({@code slack:U…}, {@code discord:…}, {@code console:NAME}) or
 * on people from {@link People}, with optional per-channel overrides. Anyone not listed has no
 * role: deny by default. An identity's own key wins over its person's.
 *
 * @param users    key → role, everywhere
 * @param channels channel id → (key → role) overriding {@code users} in that channel
 * @param people   person → identities, and groups
 */
public record AccessConfig(Map<String, Role> users, Map<String, Map<String, Role>> channels, People people) {

    public AccessConfig {
        users = Map.copyOf(users);
        channels = Map.copyOf(channels);
    }

    public AccessConfig(Map<String, Role> users, Map<String, Map<String, Role>> channels) {
        this(users, channels, People.none());
    }

    public Optional<Role> roleOf(Identity who, String channelId) {
        List<String> keys = keysOf(who);
        Map<String, Role> inChannel = channels.getOrDefault(channelId, Map.of());
        for (Map<String, Role> map : List.of(inChannel, users)) {
            for (String k : keys) {
                if (map.containsKey(k)) {
                    return Optional.of(map.get(k));
                }
            }
        }
        return Optional.empty();
    }

    /** Who counts as one voter: the person when the identity is listed under people, else the identity. */
    public String voterKey(Identity who) {
        return people.personOf(who).map(p -> "person:" + p).orElse(who.qualified());
    }

    /** The person's name for a listed identity; else the id as its platform shows it. */
    public String displayName(Identity who) {
        return people.personOf(who).orElse(who.id());
    }

    /** The access keys that give this identity its role, most specific first. */
    private List<String> keysOf(Identity who) {
        List<String> keys = new ArrayList<>();
        keys.add(who.qualified());
        people.personOf(who).ifPresent(keys::add);
        return keys;
    }
}
