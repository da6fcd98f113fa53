package io.slurmops.adapters.chat.slack;

import io.slurmops.adapters.chat.ChannelPolicy;
import io.slurmops.adapters.chat.OutsideChannels;

import java.util.Set;

/**
 * How to reach Slack and where to listen.
 *
 * @param botToken        the Bot User OAuth Token, {@code xoxb-…} (Web API calls)
 * @param appToken        the app-level token with {@code connections:write}, {@code xapp-…} (Socket Mode)
 * @param webApiUrl       the Web API base, {@code https://slack.com/api/} unless testing
 * @param allowedChannels channel ids (C…, G…) where commands are taken; empty = none, "*" = all
 * @param outsideChannels what to do with a command elsewhere: ignore it or refuse it in its thread
 * @param directMessages  whether commands in a DM with the bot are taken (default false)
 */
public record SlackSettings(String botToken, String appToken, String webApiUrl, Set<String> allowedChannels,
                            OutsideChannels outsideChannels, boolean directMessages) {

    public static final String DEFAULT_WEB_API_URL = "https://slack.com/api/";

    public SlackSettings {
        requireToken("botToken", botToken, "xoxb-");
        requireToken("appToken", appToken, "xapp-");
        webApiUrl = webApiUrl == null || webApiUrl.isBlank() ? DEFAULT_WEB_API_URL
                : webApiUrl.endsWith("/") ? webApiUrl : webApiUrl + "/";
        if (!webApiUrl.startsWith("https://") && !webApiUrl.startsWith("http://")) {
            throw new IllegalArgumentException("slack.webApiUrl must be an http(s) URL, not " + webApiUrl);
        }
        allowedChannels = allowedChannels == null ? Set.of() : Set.copyOf(allowedChannels);
        outsideChannels = outsideChannels == null ? OutsideChannels.IGNORE : outsideChannels;
    }

    /** The production defaults: slack.com, commands elsewhere ignored, no DMs. */
    public static SlackSettings of(String botToken, String appToken, Set<String> allowedChannels) {
        return new SlackSettings(botToken, appToken, DEFAULT_WEB_API_URL, allowedChannels, OutsideChannels.IGNORE, false);
    }

    public SlackSettings withWebApiUrl(String url) {
        return new SlackSettings(botToken, appToken, url, allowedChannels, outsideChannels, directMessages);
    }

    public SlackSettings withOutsideChannels(OutsideChannels outside) {
        return new SlackSettings(botToken, appToken, webApiUrl, allowedChannels, outside, directMessages);
    }

    public SlackSettings withDirectMessages(boolean enabled) {
        return new SlackSettings(botToken, appToken, webApiUrl, allowedChannels, outsideChannels, enabled);
    }

    public ChannelPolicy channelPolicy() {
        return new ChannelPolicy(allowedChannels, outsideChannels, directMessages);
    }

    /** Tokens are secrets: they never appear in logs, exceptions or config dumps. */
    @Override
    public String toString() {
        return "SlackSettings[botToken=xoxb-***, appToken=xapp-***, webApiUrl=" + webApiUrl + ", allowedChannels="
                + allowedChannels + ", outsideChannels=" + outsideChannels + ", directMessages=" + directMessages + "]";
    }

    private static void requireToken(String name, String token, String prefix) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("slack." + name + " is missing (expected " + prefix + "…)");
        }
        if (!token.startsWith(prefix)) {
            // Only the kind of token is shown, never the token.
            int dash = token.indexOf('-');
            String kind = dash > 0 && dash <= 5 ? token.substring(0, dash + 1) : "";
            throw new IllegalArgumentException("slack." + name + " must start with " + prefix + " but is "
                    + (kind.isEmpty() ? "something else" : "a " + kind + "… token"));
        }
    }
}
