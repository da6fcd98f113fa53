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

/**
 * Reads the {@code slack:} and {@code discord:} sections of the configuration file (the rest is
 * {@link ConfigLoader}'s), with the same {@code ${ENV}} interpolation for tokens and the same
 * report-every-problem validation. A section that is absent or has {@code enabled: false} is off.
 */
public final class ChatConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
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
        Optional<SlackSettings> slack = enabled(top, "slack") ? slack(top.child("slack")) : Optional.empty();
        Optional<DiscordSettings> discord = enabled(top, "discord") ? discord(top.child("discord")) : Optional.empty();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new ChatConfig(slack, discord);
    }

    private static boolean enabled(Node top, String section) {
        return top.present(section) && top.child(section).bool("enabled", true);
    }

    private static Optional<SlackSettings> slack(Node n) {
        n.allowOnly(union(COMMON, Set.of("botToken", "appToken", "webApiUrl")));
        String bot = n.requiredString("botToken", "the Bot User OAuth Token (xoxb-…), e.g. ${SLACK_BOT_TOKEN}");
        String app = n.requiredString("appToken", "the app-level token (xapp-…), e.g. ${SLACK_APP_TOKEN}");
        Set<String> channels = channels(n);
        OutsideChannels outside = outside(n);
        boolean dms = n.bool("directMessages", false);
        String url = n.string("webApiUrl", SlackSettings.DEFAULT_WEB_API_URL);
        if (bot.isEmpty() || app.isEmpty()) {
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
