package io.slurmops.adapters.chat.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.ButtonClick;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.Hello;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.Message;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.Other;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.Reaction;
import io.slurmops.adapters.chat.testing.Fixtures;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Envelope parsing on the shared fixtures, Block Kit rendering and settings, without a network. */
class SlackUnitsTest {

    private final SlackReplyRenderer renderer = new SlackReplyRenderer();

    @Test
    void envelopesFromTheFixturesParseToWhatTheAdapterActsOn() {
        assertThat(SocketModeEnvelopes.parse(Fixtures.read("slack/socket_mode_hello.json")).inbound())
                .isInstanceOf(Hello.class);

        var msg = SocketModeEnvelopes.parse(Fixtures.read("slack/events_api_message.json"));
        assertThat(msg.envelopeId()).isEqualTo("ac2cfd40-6f8c-4d5e-a1ad-646e532baa19");
        Message m = (Message) msg.inbound();
        assertThat(m.dedupKey()).isEqualTo("event:Ev111");
        assertThat(m.channel()).isEqualTo("C111");
        assertThat(m.user()).isEqualTo("U222");
        assertThat(m.ts()).isEqualTo("1610241741.000200");
        assertThat(m.direct()).isFalse();

        var retry = SocketModeEnvelopes.parse(Fixtures.read("slack/events_api_app_mention_retry.json"));
        assertThat(retry.retryAttempt()).isEqualTo(2);
        assertThat(((Message) retry.inbound()).kind()).isEqualTo("app_mention");
        assertThat(((Message) retry.inbound()).dedupKey()).isEqualTo("event:Ev01ERKCFKK9");

        Reaction r = (Reaction) SocketModeEnvelopes.parse(Fixtures.read("slack/events_api_reaction_added.json")).inbound();
        assertThat(r.reaction()).isEqualTo("heart_eyes");
        assertThat(r.itemType()).isEqualTo("message");
        assertThat(r.ts()).isEqualTo("1599529504.000400");

        ButtonClick c = (ButtonClick) SocketModeEnvelopes.parse(
                Fixtures.read("slack/interactive_block_actions_button.json")).inbound();
        assertThat(c.actionId()).isEqualTo("a");
        assertThat(c.value()).isEqualTo("underlying");
        assertThat(c.user()).isEqualTo("U111");
        assertThat(c.channel()).isEqualTo("C111");
        assertThat(c.messageTs()).isEqualTo("1605853634.000400");
        assertThat(c.dedupKey()).isEqualTo("action:U111:1605853645.582706");

        assertThat(((Message) SocketModeEnvelopes.parse(Fixtures.read("slack/events_api_bot_message_classic.json"))
                .inbound()).subtype()).isEqualTo("bot_message");
        assertThat(((Message) SocketModeEnvelopes.parse(Fixtures.read("slack/events_api_message_from_bot_user.json"))
                .inbound()).botId()).isEqualTo("B999");
        // Issue 14: reaction_removed is an un-vote and slash commands run (both were ignored before).
        Reaction removed = (Reaction) SocketModeEnvelopes.parse(Fixtures.read("slack/events_api_reaction_removed.json"))
                .inbound();
        assertThat(removed.removed()).isTrue();
        assertThat(removed.reaction()).isEqualTo("thumbsup");
        assertThat(removed.ts()).isEqualTo("1360782400.498405");
        var slash = SocketModeEnvelopes.parse(Fixtures.read("slack/slash_commands_envelope.json"));
        assertThat(slash.envelopeId()).isEqualTo("1d3c79ab-0ffb-41f3-a080-d19e85f53649");
        SocketModeEnvelopes.SlashCommand c2 = (SocketModeEnvelopes.SlashCommand) slash.inbound();
        assertThat(c2.command()).isEqualTo("/hello-socket-mode");
        assertThat(c2.user()).isEqualTo("U111");
        assertThat(c2.channel()).isEqualTo("C111");
        assertThat(c2.dedupKey()).isEqualTo("slash:111.222.xxx");
        assertThat(SocketModeEnvelopes.parse("not json").inbound()).isInstanceOf(Other.class);
    }

    @Test
    void aReplyBecomesAHeaderAndSectionsWithEscapedText() {
        Reply reply = Reply.builder("Nodes <drained>").status(Status.WARNING)
                .heading("Down").paragraph("2 nodes & `node[1-2]`")
                .fields(List.of(Map.entry("State", "drain"), Map.entry("Reason", "<slurmd dead>")))
                .bullets(List.of("check munge", "restart slurmd")).code("NODELIST STATE\nnode1 drain").build();
        SlackMessage msg = renderer.render(reply);

        assertThat(msg.truncated()).isFalse();
        assertThat(msg.text()).isEqualTo("⚠️ Nodes &lt;drained&gt;");
        List<LayoutBlock> b = msg.blocks();
        assertThat(((HeaderBlock) b.get(0)).getText().getText()).isEqualTo("⚠️ Nodes <drained>");
        assertThat(text(b.get(1))).isEqualTo("*Down*");
        assertThat(text(b.get(2))).isEqualTo("2 nodes &amp; `node[1-2]`");
        assertThat(((SectionBlock) b.get(3)).getFields()).hasSize(2);
        assertThat(((MarkdownTextObject) ((SectionBlock) b.get(3)).getFields().get(1)).getText())
                .isEqualTo("*Reason*\n&lt;slurmd dead&gt;");
        assertThat(text(b.get(4))).isEqualTo("• check munge\n• restart slurmd");
        assertThat(text(b.get(5))).isEqualTo("```\nNODELIST STATE\nnode1 drain\n```");
    }

    @Test
    void tooManyBlocksAreCutToFiftyButVoteButtonsAlwaysStay() {
        Reply.Builder b = Reply.builder("Plan").status(Status.PENDING);
        for (int i = 0; i < 80; i++) {
            b.paragraph("step " + i);
        }
        SlackMessage msg = renderer.renderForVote(b.build(), "vote-abc");
        assertThat(msg.blocks()).hasSize(50);
        assertThat(msg.truncated()).isTrue();
        assertThat(msg.fullText().orElseThrow()).contains("step 79");
        ActionsBlock actions = (ActionsBlock) msg.blocks().get(49);
        assertThat(actions.getBlockId()).isEqualTo(SlackReplyRenderer.VOTE_BLOCK);
        assertThat(actions.getElements()).hasSize(2);
        assertThat(msg.blocks().get(48).getType()).isEqualTo("context");
    }

    @Test
    void aLongParagraphAndManyFieldsStayWithinSlackLimits() {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            fields.add(Map.entry("k" + i, "v".repeat(i == 0 ? 2500 : 5)));
        }
        SlackMessage msg = renderer.render(Reply.builder("t").paragraph("word ".repeat(1000)).fields(fields).build());
        assertThat(text(msg.blocks().get(1)).length()).isLessThanOrEqualTo(3000);
        assertThat(msg.blocks().subList(2, 5)).allSatisfy(s -> {
            assertThat(((SectionBlock) s).getFields().size()).isLessThanOrEqualTo(10);
            ((SectionBlock) s).getFields().forEach(f -> assertThat(f.getText().length()).isLessThanOrEqualTo(2000));
        });
        assertThat(msg.truncated()).isTrue();
    }

    @Test
    void settingsCheckTokenKindsWithoutEverShowingThem() {
        SlackSettings s = SlackSettings.of("xoxb-secret-1", "xapp-secret-2", Set.of("C1"));
        assertThat(s.toString()).doesNotContain("secret").contains("xoxb-***");
        assertThat(s.webApiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(s.withWebApiUrl("http://127.0.0.1:1/api").webApiUrl()).isEqualTo("http://127.0.0.1:1/api/");
        assertThatThrownBy(() -> SlackSettings.of("xoxp-user-secret", "xapp-1", Set.of()))
                .hasMessageContaining("slack.botToken must start with xoxb-").hasMessageContaining("xoxp-")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SlackSettings.of("xoxb-1", "", Set.of())).hasMessageContaining("slack.appToken is missing");
    }

    @Test
    void retryAfterIsReadInSecondsAndBounded() {
        assertThat(SlackWebApi.retryAfter("3").toSeconds()).isEqualTo(3);
        assertThat(SlackWebApi.retryAfter(null).toSeconds()).isEqualTo(1);
        assertThat(SlackWebApi.retryAfter("junk").toSeconds()).isEqualTo(1);
        assertThat(SlackWebApi.retryAfter("3600")).isEqualTo(SlackWebApi.MAX_WAIT);
    }

    private static String text(LayoutBlock block) {
        return ((SectionBlock) block).getText().getText();
    }
}
