package io.slurmops.adapters.chat.discord;

import io.slurmops.adapters.chat.TextCut;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.PlainTextRenderer;
import io.slurmops.commands.reply.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link Reply} as Discord markdown: bold verdict line, bold headings, ``` code blocks,
 * "**label:** value" fields and "•" bullets. A message holds at most 2000 characters; longer replies
 * keep their head (code cut at a line end, fences closed) and attach the whole text as a file.
 */
public final class DiscordReplyRenderer {

    public static final int LIMIT = 2000;
    private static final String FENCE = "```";

    public DiscordMessage render(Reply reply) {
        String fileName = TextCut.fileName(reply.title());
        List<String> parts = new ArrayList<>();
        String title = reply.title().length() > 256 ? reply.title().substring(0, 255) + "…" : reply.title();
        parts.add("**" + reply.status().emoji() + " " + escape(title) + "**");
        for (Block block : reply.blocks()) {
            parts.add(part(block));
        }
        String whole = String.join("\n", parts);
        if (whole.length() <= LIMIT) {
            return new DiscordMessage(whole, Optional.empty(), fileName, reply.attachments());
        }
        String note = "\n✂️ *Output cut to fit Discord; the full text is in `" + fileName + "`.*";
        int budget = LIMIT - note.length();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String p = (i == 0 ? "" : "\n") + parts.get(i);
            if (out.length() + p.length() <= budget) {
                out.append(p);
                continue;
            }
            Block block = i == 0 ? null : reply.blocks().get(i - 1);
            if (block instanceof Block.Code c) {
                // Keep as much of the output as fits, closing the fence so the rest renders right.
                int room = budget - out.length() - (i == 0 ? 0 : 1) - 2 * FENCE.length() - 2;
                if (room > 40) {
                    out.append(i == 0 ? "" : "\n").append(FENCE).append('\n')
                            .append(TextCut.head(code(c.text()), room)).append('\n').append(FENCE);
                }
            }
            break;
        }
        return new DiscordMessage(out + note, Optional.of(PlainTextRenderer.render(reply)), fileName,
                reply.attachments());
    }

    private static String part(Block block) {
        if (block instanceof Block.Heading h) {
            return "\n**" + escape(h.text()) + "**";
        } else if (block instanceof Block.Paragraph p) {
            return p.text();
        } else if (block instanceof Block.Code c) {
            return FENCE + "\n" + code(c.text()) + "\n" + FENCE;
        } else if (block instanceof Block.Fields f) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : f.entries()) {
                sb.append(sb.length() == 0 ? "" : "\n").append("**").append(escape(e.getKey())).append(":** ")
                        .append(e.getValue());
            }
            return sb.toString();
        } else if (block instanceof Block.Bullets b) {
            StringBuilder sb = new StringBuilder();
            b.items().forEach(i -> sb.append(sb.length() == 0 ? "" : "\n").append("• ").append(i));
            return sb.toString();
        } else if (block instanceof Block.Attachment a) {
            return "📎 `" + a.fileName() + "`";     // the file itself goes along as an attachment
        }
        return "";
    }

    /** Output inside a code block: a stray ``` would end the block early. */
    private static String code(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return t.replace(FENCE, "`\u200b``");
    }

    /** Titles and labels are plain text: markdown characters in them stay literal. */
    static String escape(String text) {
        return text.replaceAll("([*_~`|\\\\])", "\\\\$1");
    }
}
