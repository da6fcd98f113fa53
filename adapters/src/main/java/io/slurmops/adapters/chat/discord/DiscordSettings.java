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
 * @param slashCommand    where the bot registers its /slurm application command at start
 */
public record DiscordSettings(String token, String restUrl, String gatewayUrl, Set<String> allowedChannels,
                              OutsideChannels outsideChannels, boolean directMessages, SlashRegistration slashCommand) {

    /**
     * Where /slurm is registered: {@code GLOBAL} (every guild the bot is in, and DMs), {@code GUILD}
     * (each guild the bot is in, one by one: shows at once, handy for testing) or {@code NONE} (leave
     * the application's commands as they are, e.g. registered by hand).
     */
    public enum SlashRegistration {
        GLOBAL, GUILD, NONE;

        public static SlashRegistration parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("discord.slashCommand must be global, guild or none, not " + text, e);
            }
        }
    }

    public DiscordSettings(String token, String restUrl, String gatewayUrl, Set<String> allowedChannels,
                           OutsideChannels outsideChannels, boolean directMessages) {
        this(token, restUrl, gatewayUrl, allowedChannels, outsideChannels, directMessages, SlashRegistration.GLOBAL);
    }

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
        slashCommand = slashCommand == null ? SlashRegistration.GLOBAL : slashCommand;
    }

    /** The production defaults: discord.com, ignore other channels, no DMs. */
    public static DiscordSettings of(String token, Set<String> allowedChannels) {
        return new DiscordSettings(token, null, null, allowedChannels, OutsideChannels.IGNORE, false);
    }

    public DiscordSettings withEndpoints(String rest, String gateway) {
        return new DiscordSettings(token, rest, gateway, allowedChannels, outsideChannels, directMessages, slashCommand);
    }

    public DiscordSettings withOutsideChannels(OutsideChannels outside) {
        return new DiscordSettings(token, restUrl, gatewayUrl, allowedChannels, outside, directMessages, slashCommand);
    }

    public DiscordSettings withDirectMessages(boolean enabled) {
        return new DiscordSettings(token, restUrl, gatewayUrl, allowedChannels, outsideChannels, enabled, slashCommand);
    }

    public DiscordSettings withSlashCommand(SlashRegistration where) {
        return new DiscordSettings(token, restUrl, gatewayUrl, allowedChannels, outsideChannels, directMessages, where);
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
                + allowedChannels + ", outsideChannels=" + outsideChannels + ", directMessages=" + directMessages
                + ", slashCommand=" + slashCommand + "]";
    }

    private static String url(String url, String fallback, String name, String scheme) {
        String u = url == null || url.isBlank() ? fallback : url.endsWith("/") ? url : url + "/";
        if (!u.startsWith(scheme + "://") && !u.startsWith(scheme + "s://")) {
            throw new IllegalArgumentException("discord." + name + " must be a " + scheme + "(s) URL, not " + u);
        }
        return u;
    }
}
