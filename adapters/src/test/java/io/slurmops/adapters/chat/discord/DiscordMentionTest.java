package io.slurmops.adapters.chat.discord;

import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An escalation's group mention on Discord: the role when configured, else the members, else the name. */
class DiscordMentionTest {

    private static Reply with(Block.Mention m) {
        return Reply.builder("Incident #3 is not acknowledged").add(m).build();
    }

    @Test
    void aRoleIsMentionedAndIsTheOnlyThingAllowedToPing() {
        Block.Mention m = new Block.Mention("oncall", Map.of("discord", "777", "slack", "S1"),
                Map.of("discord", List.of("31")), List.of("alice"));
        assertThat(new DiscordReplyRenderer().render(with(m)).content()).contains("\n<@&777>");
        assertThat(DiscordReplyRenderer.mentioned(with(m))).isEqualTo(new DiscordReplyRenderer.Mentioned(List.of("777"),
                List.of()));
    }

    @Test
    void withoutARoleEachMemberIsMentionedAndWithoutIdsOnlyTheName() {
        Block.Mention members = new Block.Mention("oncall", Map.of("slack", "S1"),
                Map.of("discord", List.of("31", "32"), "slack", List.of("U1")), List.of("alice", "bob"));
        assertThat(new DiscordReplyRenderer().render(with(members)).content()).endsWith("\n<@31> <@32>");
        assertThat(DiscordReplyRenderer.mentioned(with(members)).users()).containsExactly("31", "32");
        Block.Mention none = new Block.Mention("on_call", Map.of(), Map.of(), List.of());
        assertThat(new DiscordReplyRenderer().render(with(none)).content()).endsWith("\n@on\\_call");
        assertThat(DiscordReplyRenderer.mentioned(Reply.builder("plain").paragraph("<@&777>").build()))
                .as("markup in ordinary output pings nobody").isEqualTo(new DiscordReplyRenderer.Mentioned(List.of(),
                        List.of()));
    }
}
