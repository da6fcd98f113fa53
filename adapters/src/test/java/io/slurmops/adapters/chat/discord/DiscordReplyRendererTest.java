package io.slurmops.adapters.chat.discord;

import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscordReplyRendererTest {

    private final DiscordReplyRenderer renderer = new DiscordReplyRenderer();

    @Test
    void aShortReplyIsMarkdownWithoutAttachment() {
        DiscordMessage m = renderer.render(Reply.builder("Nodes *drained*").status(Status.WARNING).heading("Down")
                .paragraph("2 nodes").fields(List.of(Map.entry("State", "drain")))
                .bullets(List.of("check munge")).code("a ``` b").build());
        assertThat(m.truncated()).isFalse();
        assertThat(m.content()).isEqualTo("**⚠️ Nodes \\*drained\\***\n\n**Down**\n2 nodes\n**State:** drain\n"
                + "• check munge\n```\na `\u200b`` b\n```");
    }

    @Test
    void manyShortBlocksAreCutBetweenBlocksWithinTheLimit() {
        Reply.Builder b = Reply.builder("many");
        for (int i = 0; i < 400; i++) {
            b.paragraph("line " + i);
        }
        DiscordMessage m = renderer.render(b.build());
        assertThat(m.content().length()).isLessThanOrEqualTo(DiscordReplyRenderer.LIMIT);
        assertThat(m.content()).contains("line 0").doesNotContain("line 399").endsWith("`slurmops-many.txt`.*");
        assertThat(m.fullText().orElseThrow()).contains("line 399");
    }

    @Test
    void settingsDefaultToDiscordAndHideTheToken() {
        DiscordSettings s = DiscordSettings.of("secret-token", Set.of("1"));
        assertThat(s.restUrl()).isEqualTo("https://discord.com/api/v10/");
        assertThat(s.gatewayUrl()).isEqualTo("wss://gateway.discord.gg/");
        assertThat(s.customGateway()).isFalse();
        assertThat(s.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> DiscordSettings.of(" ", Set.of())).hasMessageContaining("discord.token is missing");
        assertThatThrownBy(() -> s.withEndpoints("ftp://x", null)).hasMessageContaining("discord.restUrl");
    }
}
