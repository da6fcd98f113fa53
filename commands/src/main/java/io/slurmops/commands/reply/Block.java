package io.slurmops.commands.reply;

import java.util.Arrays;
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

    /**
     * A file that goes with the reply (a postmortem, a chart). Chat adapters upload it (Slack file,
     * Discord attachment); the console writes it to a private file and shows the path.
     *
     * @param mediaType e.g. "text/markdown", "image/png"
     */
    record Attachment(String fileName, String mediaType, byte[] content) implements Block {
        public Attachment {
            if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
                throw new IllegalArgumentException("an attachment needs a plain file name, got " + fileName);
            }
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        public int size() {
            return content.length;
        }

        public boolean isImage() {
            return mediaType != null && mediaType.startsWith("image/");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Attachment a && a.fileName.equals(fileName) && java.util.Objects.equals(a.mediaType,
                    mediaType) && Arrays.equals(a.content, content);
        }

        @Override
        public int hashCode() {
            return fileName.hashCode() * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "Attachment[" + fileName + ", " + mediaType + ", " + content.length + " bytes]";
        }
    }
}
