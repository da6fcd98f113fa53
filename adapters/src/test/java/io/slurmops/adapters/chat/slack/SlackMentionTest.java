package io.slurmops.adapters.chat.slack;

import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An escalation's group mention on Slack: the user group when configured, else the members, else the name. */
class SlackMentionTest {

    private static String rendered(Block.Mention m) {
        return new SlackReplyRenderer().render(Reply.builder("Incident #3").add(m).paragraph("<!channel> from output")
                .build()).blocks().toString();
    }

    @Test
    void aUserGroupOrTheMembersAreMentionedOutputStaysEscaped() {
        assertThat(rendered(new Block.Mention("oncall", Map.of("slack", "S0ONCALL"), Map.of("slack", List.of("U1")),
                List.of("alice")))).contains("<!subteam^S0ONCALL>").doesNotContain("<@U1>")
                .contains("&lt;!channel&gt; from output");
        assertThat(rendered(new Block.Mention("oncall", Map.of("discord", "7"), Map.of("slack", List.of("U1", "U2")),
                List.of("alice", "bob")))).contains("<@U1> <@U2>").doesNotContain("subteam");
        assertThat(rendered(new Block.Mention("a<b", Map.of(), Map.of(), List.of()))).contains("@a&lt;b");
    }
}
