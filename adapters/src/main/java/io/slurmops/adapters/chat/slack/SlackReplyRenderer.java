package io.slurmops.adapters.chat.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.slurmops.adapters.chat.TextCut;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.PlainTextRenderer;
import io.slurmops.commands.reply.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link Reply} as Block Kit: a header with the verdict, then one section per block, code in
 * ``` fences. Slack rejects a section over 3000 characters and a message over 50 blocks, so long
 * parts are cut at a line end and the whole reply goes along as a file.
 */
public final class SlackReplyRenderer {

    public static final String APPROVE_ACTION = "slurmops_approve";
    public static final String DENY_ACTION = "slurmops_deny";
    public static final String VOTE_BLOCK = "slurmops_vote";

    static final int SECTION_LIMIT = 3000;
    static final int FIELD_LIMIT = 2000;
    static final int FIELDS_PER_SECTION = 10;
    static final int HEADER_LIMIT = 150;
    static final int BLOCK_LIMIT = 50;

    private static final String FENCE = "```";

    /** A reply as an ordinary message. */
    public SlackMessage render(Reply reply) {
        return render(reply, null);
    }

    /** A plan to vote on: the reply plus Approve/Deny buttons whose value is {@code voteKey}. */
    public SlackMessage renderForVote(Reply plan, String voteKey) {
        return render(plan, voteKey);
    }

    private SlackMessage render(Reply reply, String voteKey) {
        String fileName = TextCut.fileName(reply.title());
        Body body = new Body(fileName);
        String headline = reply.status().emoji() + " " + reply.title();
        body.add(HeaderBlock.builder().text(plain(cutLine(headline, HEADER_LIMIT))).build());
        for (Block block : reply.blocks()) {
            renderBlock(block, body);
        }
        // Room for the note about the cut and for the buttons, which must never be the part cut off.
        int reserved = 1 + (voteKey == null ? 0 : 1);
        List<LayoutBlock> blocks = new ArrayList<>(body.blocks);
        if (blocks.size() > BLOCK_LIMIT - reserved) {
            int dropped = blocks.size() - (BLOCK_LIMIT - reserved);
            blocks = new ArrayList<>(blocks.subList(0, BLOCK_LIMIT - reserved));
            body.cut = true;
            body.note = dropped + " more part" + (dropped == 1 ? "" : "s") + " in the attached file";
        }
        if (body.cut) {
            blocks.add(ContextBlock.builder().elements(List.of(markdown(
                    "✂️ Output cut to fit Slack" + (body.note == null ? "" : " (" + body.note + ")")
                            + ". The full text is in `" + fileName + "`."))).build());
        }
        if (voteKey != null) {
            blocks.add(voteButtons(voteKey));
        }
        Optional<String> full = body.cut ? Optional.of(PlainTextRenderer.render(reply)) : Optional.empty();
        return new SlackMessage(cutLine(escape(headline), SECTION_LIMIT), blocks, full, fileName, body.attachments);
    }

    private void renderBlock(Block block, Body body) {
        if (block instanceof Block.Heading h) {
            body.section("*" + escape(h.text()) + "*");
        } else if (block instanceof Block.Paragraph p) {
            body.section(escape(p.text()));
        } else if (block instanceof Block.Code c) {
            body.code(escape(c.text()));
        } else if (block instanceof Block.Fields f) {
            List<TextObject> fields = new ArrayList<>();
            for (Map.Entry<String, String> e : f.entries()) {
                String text = "*" + escape(e.getKey()) + "*\n" + escape(e.getValue());
                if (text.length() > FIELD_LIMIT) {
                    text = TextCut.head(text, FIELD_LIMIT - 2) + " …";
                    body.cut = true;
                }
                fields.add(markdown(text));
                if (fields.size() == FIELDS_PER_SECTION) {
                    body.add(SectionBlock.builder().fields(fields).build());
                    fields = new ArrayList<>();
                }
            }
            if (!fields.isEmpty()) {
                body.add(SectionBlock.builder().fields(fields).build());
            }
        } else if (block instanceof Block.Bullets b) {
            StringBuilder text = new StringBuilder();
            b.items().forEach(i -> text.append("• ").append(escape(i)).append('\n'));
            body.section(text.toString().stripTrailing());
        } else if (block instanceof Block.Attachment a) {
            // The file itself is uploaded into the same thread after the message (see SlackThread).
            body.attachments.add(a);
            body.add(ContextBlock.builder().elements(List.of(markdown("📎 `" + escape(a.fileName()) + "`"))).build());
        }
    }

    private static LayoutBlock voteButtons(String voteKey) {
        List<BlockElement> buttons = List.of(
                ButtonElement.builder().actionId(APPROVE_ACTION).value(voteKey).style("primary")
                        .text(plain("✅ Approve")).build(),
                ButtonElement.builder().actionId(DENY_ACTION).value(voteKey).style("danger")
                        .text(plain("❌ Deny")).build());
        return ActionsBlock.builder().blockId(VOTE_BLOCK).elements(buttons).build();
    }

    /** Slack's mrkdwn treats &, < and > as markup (links, mentions); output from Slurm must stay literal. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cutLine(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static MarkdownTextObject markdown(String text) {
        return MarkdownTextObject.builder().text(text).build();
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).emoji(true).build();
    }

    /** The blocks being built, and whether anything had to be cut. */
    private static final class Body {
        final List<LayoutBlock> blocks = new ArrayList<>();
        final List<Block.Attachment> attachments = new ArrayList<>();
        final String fileName;
        boolean cut;
        String note;

        Body(String fileName) {
            this.fileName = fileName;
        }

        void add(LayoutBlock block) {
            blocks.add(block);
        }

        void section(String text) {
            if (text.isBlank()) {
                return;
            }
            if (text.length() > SECTION_LIMIT) {
                text = TextCut.head(text, SECTION_LIMIT - 2) + "\n…";
                cut = true;
            }
            add(SectionBlock.builder().text(markdown(text)).build());
        }

        void code(String text) {
            String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            // The fences and the "… N more lines" line must fit in the same section.
            int room = SECTION_LIMIT - 2 * FENCE.length() - 2 - 60;
            if (body.length() > room) {
                String head = TextCut.head(body, room);
                long more = TextCut.linesAfter(body, head.length());
                add(SectionBlock.builder().text(markdown(FENCE + "\n" + head + "\n" + FENCE
                        + "\n_… " + more + " more line" + (more == 1 ? "" : "s") + " in the attached file_")).build());
                cut = true;
            } else {
                add(SectionBlock.builder().text(markdown(FENCE + "\n" + (body.isEmpty() ? " " : body) + "\n" + FENCE))
                        .build());
            }
        }
    }
}
