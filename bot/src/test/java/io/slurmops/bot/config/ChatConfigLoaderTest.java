package io.slurmops.bot.config;

import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.discord.DiscordSettings;
import io.slurmops.adapters.chat.slack.SlackSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatConfigLoaderTest {

    private final ChatConfigLoader loader = new ChatConfigLoader(Map.of(
            "SLACK_BOT_TOKEN", "xoxb-from-env", "SLACK_APP_TOKEN", "xapp-from-env", "DISCORD_TOKEN", "d-secret"));

    @Test
    void readsBothSectionsWithTokensFromTheEnvironment() throws ConfigException {
        ChatConfig c = loader.parse("""
                prefix: "!slurm"
                slack:
                  botToken: ${SLACK_BOT_TOKEN}
                  appToken: ${SLACK_APP_TOKEN}
                  allowedChannels: [C0INCIDENT, G0PRIVATE]
                  outsideChannels: refuse
                discord:
                  token: ${DISCORD_TOKEN}
                  allowedChannels: ["123456789012345678"]
                  directMessages: true
                """, "t.yaml");
        SlackSettings s = c.slack().orElseThrow();
        assertThat(s.botToken()).isEqualTo("xoxb-from-env");
        assertThat(s.appToken()).isEqualTo("xapp-from-env");
        assertThat(s.allowedChannels()).containsExactlyInAnyOrder("C0INCIDENT", "G0PRIVATE");
        assertThat(s.outsideChannels()).isEqualTo(OutsideChannels.REFUSE);
        assertThat(s.directMessages()).isFalse();
        assertThat(s.webApiUrl()).isEqualTo("https://slack.com/api/");
        DiscordSettings d = c.discord().orElseThrow();
        assertThat(d.token()).isEqualTo("d-secret");
        assertThat(d.allowedChannels()).isEqualTo(Set.of("123456789012345678"));
        assertThat(d.directMessages()).isTrue();
        assertThat(d.outsideChannels()).isEqualTo(OutsideChannels.IGNORE);
        assertThat(d.slashCommand()).as("the default").isEqualTo(DiscordSettings.SlashRegistration.GLOBAL);
        assertThat(c.any()).isTrue();
    }

    @Test
    void whereDiscordsSlashCommandIsRegistered() throws ConfigException {
        String yaml = """
                discord:
                  token: d-secret
                  allowedChannels: ["123456789012345678"]
                  slashCommand: %s
                """;
        assertThat(loader.parse(yaml.formatted("guild"), "t").discord().orElseThrow().slashCommand())
                .isEqualTo(DiscordSettings.SlashRegistration.GUILD);
        assertThat(loader.parse(yaml.formatted("none"), "t").discord().orElseThrow().slashCommand())
                .isEqualTo(DiscordSettings.SlashRegistration.NONE);
        assertThatThrownBy(() -> loader.parse(yaml.formatted("everywhere"), "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                        assertThat(p).startsWith("discord.slashCommand: `everywhere` is not global, guild or none")));
    }

    @Test
    void theExampleConfigurationReadsWithItsVariablesSet() throws ConfigException {
        java.nio.file.Path example = java.nio.file.Path.of("../config/slurmops.example.yaml");
        ChatConfig c = loader.load(example);
        assertThat(c.slack().orElseThrow().allowedChannels()).containsExactly("C0INCIDENT");
        assertThat(c.discord()).as("disabled in the example").isEmpty();
    }

    @Test
    void absentOrDisabledSectionsAreOff() throws ConfigException {
        assertThat(loader.parse("prefix: \"!slurm\"\n", "t").any()).isFalse();
        assertThat(loader.parse("", "t").any()).isFalse();
        ChatConfig c = loader.parse("""
                slack:
                  enabled: false
                  botToken: ${NOT_SET}
                """, "t");
        assertThat(c.slack()).isEmpty();
    }

    @Test
    void reportsEveryProblemWithoutShowingTokens() {
        assertThatThrownBy(() -> loader.parse("""
                slack:
                  botToken: xoxp-user-token-secret
                  appToken: ${SLACK_APP_TOKEN}
                  outsideChannels: shout
                  allowedChanels: [C1]
                discord:
                  token: d-secret
                  allowedChannels: [hpc-ops]
                """, "bad.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("slack.allowedChanels: unknown key"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("slack.allowedChannels: no channel"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("slack.outsideChannels: `shout`"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("slack.botToken must start with xoxb-"));
                    assertThat(e.problems()).anySatisfy(p ->
                            assertThat(p).startsWith("discord.allowedChannels: `hpc-ops` is not a channel id"));
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }

    @Test
    void aYamlErrorOnATokensLineDoesNotQuoteTheToken() {
        assertThatThrownBy(() -> loader.parse("slack:\n  botToken: \"xoxb-half-typed-token\n  appToken: [x\n", "t"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("xoxb-half-typed-token");
    }

    @Test
    void swappedSlackTokensGiveOneLineEachNamingOnlyTheirKind() {
        assertThatThrownBy(() -> loader.parse("""
                slack:
                  botToken: xapp-1-A0-secret-app
                  appToken: xoxb-11-22-secret-bot
                  allowedChannels: ["#incidents", C0INCIDENT, "*"]
                """, "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            "slack.botToken must start with xoxb- (the Bot User OAuth Token, for Web API calls) "
                                    + "but is a xapp-… token; are botToken and appToken swapped?",
                            "slack.appToken must start with xapp- (the app-level token with connections:write "
                                    + "that Socket Mode needs) but is a xoxb-… token; are botToken and appToken swapped?",
                            "slack.allowedChannels: `#incidents` is not a Slack channel id (like C0123ABCD: the "
                                    + "channel's details, bottom of the About tab; not its #name)");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }

    @Test
    void aMissingTokenVariableIsNamedOnceAndTheOtherTokenIsStillChecked() {
        assertThatThrownBy(() -> new ChatConfigLoader(Map.of("SLACK_BOT_TOKEN", "xoxp-user-secret")).parse("""
                slack:
                  botToken: ${SLACK_BOT_TOKEN}
                  appToken: ${SLACK_APP_TOKEN}
                  allowedChannels: [C0INCIDENT]
                """, "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith("slack.appToken: environment variable SLACK_APP_TOKEN is not set"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("slack.appToken: missing"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .startsWith("slack.botToken must start with xoxb-").endsWith("but is a xoxp-… token"));
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
    }

    @Test
    void plainlyWrongDiscordTokensAreNamedWithoutShowingThem() {
        String yaml = """
                discord:
                  token: "%s"
                  allowedChannels: ["123456789012345678"]
                """;
        assertThatThrownBy(() -> loader.parse(yaml.formatted("Bot MTIz.secret.x"), "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "discord.token: give the token alone, without the `Bot ` prefix (the client adds it)"));
        assertThatThrownBy(() -> loader.parse(yaml.formatted("xoxb-1-secret"), "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "discord.token: is a Slack xoxb-… token, not a Discord bot token"));
        assertThatThrownBy(() -> loader.parse(yaml.formatted("MTIz.sec ret.x"), "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .contains("discord.token: contains white space").doesNotContain("sec ret"));
    }
}
