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
}
