package io.slurmops.adapters.chat;

import java.util.Objects;
import java.util.Set;

/**
 * Where an adapter takes commands. Deny by default: an empty allow-list allows no channel, "*" allows
 * every channel the bot is in. Direct messages are a separate switch, off by default, because roles are
 * often scoped per channel and a DM would escape that scoping.
 */
public record ChannelPolicy(Set<String> allowedChannels, OutsideChannels outside, boolean directMessages) {

    public static final String ALL = "*";

    public enum Decision { ALLOW, IGNORE, REFUSE }

    public ChannelPolicy {
        allowedChannels = Set.copyOf(allowedChannels);
        Objects.requireNonNull(outside, "outside");
    }

    /** Decides for a command typed in {@code channelId}; {@code direct} = a DM with the bot. */
    public Decision decide(String channelId, boolean direct) {
        boolean allowed = direct ? directMessages : allowsChannel(channelId);
        if (allowed) {
            return Decision.ALLOW;
        }
        return outside == OutsideChannels.REFUSE ? Decision.REFUSE : Decision.IGNORE;
    }

    /** Reactions and button clicks are never refused, only ignored outside: a refusal per vote would be noise. */
    public boolean allows(String channelId, boolean direct) {
        return decide(channelId, direct) == Decision.ALLOW;
    }

    private boolean allowsChannel(String channelId) {
        return allowedChannels.contains(ALL) || allowedChannels.contains(channelId);
    }

    /** "3 channels allowed", "all channels allowed", for the one connected log line. */
    public String describe() {
        String channels = allowedChannels.contains(ALL) ? "all channels allowed"
                : allowedChannels.size() == 1 ? "1 channel allowed" : allowedChannels.size() + " channels allowed";
        return channels + (directMessages ? ", direct messages on" : "");
    }

    /** The text of a refusal, naming the setting an admin would change. */
    public static String refusal(String platform, boolean direct) {
        return direct
                ? "slurmops does not take commands in direct messages here. Use an incident channel, or ask an admin to set "
                        + platform + ".directMessages."
                : "slurmops does not take commands in this channel. Ask an admin to add it to " + platform
                        + ".allowedChannels.";
    }
}
