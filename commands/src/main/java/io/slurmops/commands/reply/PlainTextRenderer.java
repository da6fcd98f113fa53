package io.slurmops.commands.reply;

import java.util.Map;

/** Renders a reply as plain text for the console, the CLI and logs. */
public final class PlainTextRenderer {

    private PlainTextRenderer() {
    }

    public static String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        out.append(reply.status().emoji()).append(' ').append(reply.title()).append('\n');
        for (Block block : reply.blocks()) {
            if (block instanceof Block.Heading h) {
                out.append('\n').append(h.text()).append('\n');
            } else if (block instanceof Block.Paragraph p) {
                out.append(p.text()).append('\n');
            } else if (block instanceof Block.Code c) {
                out.append("```\n").append(c.text());
                if (!c.text().endsWith("\n")) {
                    out.append('\n');
                }
                out.append("```\n");
            } else if (block instanceof Block.Fields f) {
                int width = f.entries().stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
                for (Map.Entry<String, String> e : f.entries()) {
                    out.append("  ").append(pad(e.getKey(), width)).append("  ").append(e.getValue()).append('\n');
                }
            } else if (block instanceof Block.Bullets b) {
                b.items().forEach(i -> out.append("  • ").append(i).append('\n'));
            } else if (block instanceof Block.Attachment a) {
                out.append("📎 ").append(a.fileName()).append(" (").append(a.size()).append(" bytes)\n");
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
