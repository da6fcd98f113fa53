package io.slurmops.commands.reply;

import java.util.List;
import java.util.Map;

/** One piece of a {@link Reply}. Adapters render each kind for their platform. */
public sealed interface Block {

    /** A heading that starts a section. */
    record Heading(String text) implements Block {
    }

    /** Prose; may hold inline `code` in backticks. */
    record Paragraph(String text) implements Block {
    }

    /** Preformatted output, shown in a monospace block. */
    record Code(String text) implements Block {
    }

    /** Label/value pairs, in order. */
    record Fields(List<Map.Entry<String, String>> entries) implements Block {
        public Fields {
            entries = List.copyOf(entries);
        }
    }

    /** A bulleted list. */
    record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }
}
