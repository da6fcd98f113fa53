package io.slurmops.bot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Slack app manifest in the repo asks for what the adapter uses: /slurm, its scope, un-vote events. */
class SlackManifestTest {

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void slashCommandScopesAndEvents() throws Exception {
        JsonNode m = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../config/slack-app-manifest.yaml").toFile());
        assertThat(m.at("/features/slash_commands/0/command").asText()).isEqualTo("/slurm");
        assertThat(texts(m.at("/oauth_config/scopes/bot"))).contains("commands", "chat:write", "reactions:read",
                "app_mentions:read");
        assertThat(texts(m.at("/settings/event_subscriptions/bot_events"))).contains("reaction_added",
                "reaction_removed", "app_mention");
        assertThat(m.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
    }
}
