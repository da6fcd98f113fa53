package io.slurmops.adapters.chat.discord;

import io.slurmops.adapters.chat.ChannelPolicy;
import io.slurmops.adapters.chat.OutsideChannels;

import java.util.Set;

/**
 * How to reach Discord and where to listen.
 *
 * @param token           the bot token (Developer Portal → Bot)
 * @param restUrl         the REST base, {@code https://discord.com/api/v10/} unless testing
 * @param gatewayUrl      the gateway, {@code wss://gateway.discord.gg/} unless testing
 * @param allowedChannels channel ids (snowflakes) where commands are taken, threads included; empty = none, "*" = all
 * @param outsideChannels what to do with a command elsewhere: ignore it or refuse it as a reply
 * @param directMessages  whether commands in a DM with the bot are taken (default false; adds the DM intents)
 */
public record DiscordSettings(String token, String restUrl, String gatewayUrl, Set<String> allowedChannels,
                              OutsideChannels outsideChannels, boolean directMessages) {

    public static final String DEFAULT_REST_URL = "https://discord.com/api/v10/";
    public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";

    public DiscordSettings {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("discord.token is missing (the bot token from the Developer Portal)");
        }
        restUrl = url(restUrl, DEFAULT_REST_URL, "restUrl", "http");
        gatewayUrl = url(gatewayUrl, DEFAULT_GATEWAY_URL, "gatewayUrl", "ws");
        allowedChannels = allowedChannels == null ? Set.of() : Set.copyOf(allowedChannels);
        outsideChannels = outsideChannels == null ? OutsideChannels.IGNORE : outsideChannels;
    }

    /** The production defaults: discord.com, ignore other channels, no DMs. */
    public static DiscordSettings of(String token, Set<String> allowedChannels) {
        return new DiscordSettings(token, null, null, allowedChannels, OutsideChannels.IGNORE, false);
    }

    public DiscordSettings withEndpoints(String rest, String gateway) {
        return new DiscordSettings(token, rest, gateway, allowedChannels, outsideChannels, directMessages);
    }

    public DiscordSettings withOutsideChannels(OutsideChannels outside) {
        return new DiscordSettings(token, restUrl, gatewayUrl, allowedChannels, outside, directMessages);
    }

    public DiscordSettings withDirectMessages(boolean enabled) {
        return new DiscordSettings(token, restUrl, gatewayUrl, allowedChannels, outsideChannels, enabled);
    }

    public boolean customGateway() {
        return !DEFAULT_GATEWAY_URL.equals(gatewayUrl);
    }

    public ChannelPolicy channelPolicy() {
        return new ChannelPolicy(allowedChannels, outsideChannels, directMessages);
    }

    /** The token is a secret: it never appears in logs, exceptions or config dumps. */
    @Override
    public String toString() {
        return "DiscordSettings[token=***, restUrl=" + restUrl + ", gatewayUrl=" + gatewayUrl + ", allowedChannels="
                + allowedChannels + ", outsideChannels=" + outsideChannels + ", directMessages=" + directMessages + "]";
    }

    private static String url(String url, String fallback, String name, String scheme) {
        String u = url == null || url.isBlank() ? fallback : url.endsWith("/") ? url : url + "/";
        if (!u.startsWith(scheme + "://") && !u.startsWith(scheme + "s://")) {
            throw new IllegalArgumentException("discord." + name + " must be a " + scheme + "(s) URL, not " + u);
        }
        return u;
    }
}
