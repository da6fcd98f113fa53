package io.slurmops.bot.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.discord.DiscordSettings;
import io.slurmops.adapters.chat.slack.SlackSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code slack:} and {@code discord:} sections of the configuration file (the rest is
 * {@link ConfigLoader}'s), with the same {@code ${ENV}} interpolation for tokens and the same
 * report-every-problem validation. A section that is absent or has {@code enabled: false} is off.
 */
public final class ChatConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Public (C), private (G) and direct-message (D) conversation ids. */
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,}");
    private static final Set<String> COMMON = Set.of("enabled", "allowedChannels", "outsideChannels", "directMessages");

    private final Map<String, String> env;

    public ChatConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static ChatConfigLoader fromSystem() {
        return new ChatConfigLoader(System.getenv());
    }

    public ChatConfig load(Path file) throws ConfigException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    public ChatConfig parse(String yaml, String source) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException(source, List.of(YamlErrors.describe(e)));
        }
        List<String> problems = new ArrayList<>();
        Node top = new Node(root != null && root.isObject() ? root : null, "", problems,
                Interpolation.fromEnvironment(env));
        Optional<SlackSettings> slack = enabled(top, "slack") ? slack(top.child("slack"), problems) : Optional.empty();
        Optional<DiscordSettings> discord = enabled(top, "discord") ? discord(top.child("discord")) : Optional.empty();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new ChatConfig(slack, discord);
    }

    private static boolean enabled(Node top, String section) {
        return top.present(section) && top.child(section).bool("enabled", true);
    }

    private static Optional<SlackSettings> slack(Node n, List<String> problems) {
        n.allowOnly(union(COMMON, Set.of("botToken", "appToken", "webApiUrl")));
        String bot = n.requiredString("botToken", "the Bot User OAuth Token (xoxb-…), e.g. ${SLACK_BOT_TOKEN}");
        String app = n.requiredString("appToken", "the app-level token (xapp-…), e.g. ${SLACK_APP_TOKEN}");
        boolean tokensOk = slackToken(problems, "botToken", bot, "xoxb-", "the Bot User OAuth Token, for Web API calls")
                & slackToken(problems, "appToken", app, "xapp-",
                "the app-level token with connections:write that Socket Mode needs");
        Set<String> channels = channels(n);
        channels.stream().filter(c -> !c.equals("*") && !SLACK_CHANNEL.matcher(c).matches()).forEach(c ->
                n.problem("allowedChannels", "`" + c + "` is not a Slack channel id (like C0123ABCD: the channel's "
                        + "details, bottom of the About tab; not its #name)"));
        OutsideChannels outside = outside(n);
        boolean dms = n.bool("directMessages", false);
        String url = n.string("webApiUrl", SlackSettings.DEFAULT_WEB_API_URL);
        if (!tokensOk) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SlackSettings(bot, app, url, channels, outside, dms));
        } catch (IllegalArgumentException e) {
            n.problem("", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<DiscordSettings> discord(Node n) {
        n.allowOnly(union(COMMON, Set.of("token", "restUrl", "gatewayUrl", "slashCommand")));
        String token = n.requiredString("token", "the bot token, e.g. ${DISCORD_TOKEN}");
        discordToken(n, token);
        Set<String> channels = channels(n);
        channels.stream().filter(c -> !c.equals("*") && !c.matches("\\d{15,21}")).forEach(c ->
                n.problem("allowedChannels", "`" + c + "` is not a channel id (a 17-20 digit number; quote it)"));
        OutsideChannels outside = outside(n);
        boolean dms = n.bool("directMessages", false);
        String rest = n.string("restUrl", null);
        String gateway = n.string("gatewayUrl", null);
        String slashRaw = n.string("slashCommand", "global");
        DiscordSettings.SlashRegistration slash = DiscordSettings.SlashRegistration.GLOBAL;
        try {
            slash = DiscordSettings.SlashRegistration.parse(slashRaw);
        } catch (IllegalArgumentException e) {
            n.problem("slashCommand", "`" + slashRaw + "` is not global, guild or none");
        }
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DiscordSettings(token, rest, gateway, channels, outside, dms, slash));
        } catch (IllegalArgumentException e) {
            n.problem("", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * True when {@code token} is present and of the expected kind; else one problem line that names
     * the kind it is (its prefix), never the token.
     */
    private static boolean slackToken(List<String> problems, String key, String token, String prefix, String what) {
        if (token.isEmpty()) {
            return false; // requiredString said so
        }
        if (token.startsWith(prefix)) {
            return true;
        }
        String kind = tokenKind(token);
        problems.add("slack." + key + " must start with " + prefix + " (" + what + ") but is "
                + (kind.isEmpty() ? "something else" : "a " + kind + "… token")
                + (kind.equals("xoxb-") || kind.equals("xapp-") ? "; are botToken and appToken swapped?" : ""));
        return false;
    }

    /** Discord bot tokens have no fixed prefix; the mistakes that are plain to see are reported. */
    private static void discordToken(Node n, String token) {
        if (token.regionMatches(true, 0, "Bot ", 0, 4)) {
            n.problem("token", "give the token alone, without the `Bot ` prefix (the client adds it)");
        } else if (token.startsWith("xox") || token.startsWith("xapp-")) {
            n.problem("token", "is a Slack " + tokenKind(token) + "… token, not a Discord bot token");
        } else if (token.chars().anyMatch(Character::isWhitespace)) {
            n.problem("token", "contains white space; a Discord bot token has none (check the copy)");
        }
    }

    /** A token's kind prefix such as {@code xoxp-}, or "" when it has none: safe to print. */
    private static String tokenKind(String token) {
        int dash = token.indexOf('-');
        return dash > 0 && dash <= 5 ? token.substring(0, dash + 1) : "";
    }

    private static Set<String> channels(Node n) {
        List<String> list = n.strings("allowedChannels", List.of());
        if (list.isEmpty()) {
            n.problem("allowedChannels", "no channel listed, so every command would be ignored; list channel ids, or \"*\"");
        }
        return new HashSet<>(list);
    }

    private static OutsideChannels outside(Node n) {
        String raw = n.string("outsideChannels", "ignore");
        try {
            return OutsideChannels.parse(raw);
        } catch (IllegalArgumentException e) {
            n.problem("outsideChannels", "`" + raw + "` is not ignore or refuse");
            return OutsideChannels.IGNORE;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }
}
