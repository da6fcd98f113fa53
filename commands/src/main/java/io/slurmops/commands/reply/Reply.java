package io.slurmops.commands.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A platform-neutral answer: a status, a title and blocks. Adapters render it (Block Kit, Discord
 * markdown, plain text) and handle their own size limits.
 */
public record Reply(Status status, String title, List<Block> blocks) {

    public Reply {
        Objects.requireNonNull(status, "status");
        title = title == null ? "" : title;
        blocks = List.copyOf(blocks);
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * A one-line error with the correct form, the shape of every bad-input answer. The message quotes
     * what was typed, so it is made {@link OneLine one safe line}.
     */
    public static Reply error(String message, String correctForm) {
        Builder b = builder(OneLine.of(message)).status(Status.ERROR);
        if (correctForm != null && !correctForm.isBlank()) {
            b.paragraph("Usage: `" + correctForm + "`");
        }
        return b.build();
    }

    public static Reply error(String message) {
        return error(message, null);
    }

    public boolean isSuccess() {
        return status == Status.OK || status == Status.INFO;
    }

    /** The files that go with this reply, in order. */
    public List<Block.Attachment> attachments() {
        return blocks.stream().filter(Block.Attachment.class::isInstance).map(Block.Attachment.class::cast).toList();
    }

    /** The reply as plain text, one convenient rendering for logs, the console and tests. */
    public String toPlainText() {
        return PlainTextRenderer.render(this);
    }

    /** Collects blocks in order; the status is the worst one set. */
    public static final class Builder {
        private final String title;
        private final List<Block> blocks = new ArrayList<>();
        private Status status = Status.OK;

        private Builder(String title) {
            this.title = title;
        }

        public Builder status(Status s) {
            this.status = s;
            return this;
        }

        /** Raises the status to {@code s} if it is worse than the current one. */
        public Builder escalate(Status s) {
            this.status = this.status.worst(s);
            return this;
        }

        public Builder heading(String text) {
            blocks.add(new Block.Heading(text));
            return this;
        }

        public Builder paragraph(String text) {
            blocks.add(new Block.Paragraph(text));
            return this;
        }

        public Builder code(String text) {
            blocks.add(new Block.Code(text));
            return this;
        }

        public Builder fields(List<Map.Entry<String, String>> entries) {
            if (!entries.isEmpty()) {
                blocks.add(new Block.Fields(entries));
            }
            return this;
        }

        public Builder bullets(List<String> items) {
            if (!items.isEmpty()) {
                blocks.add(new Block.Bullets(items));
            }
            return this;
        }

        /** A file to upload with the reply (see {@link Block.Attachment}). */
        public Builder attach(String fileName, String mediaType, byte[] content) {
            blocks.add(new Block.Attachment(fileName, mediaType, content));
            return this;
        }

        public Builder add(Block block) {
            blocks.add(block);
            return this;
        }

        public Builder addAll(List<Block> more) {
            blocks.addAll(more);
            return this;
        }

        public Status currentStatus() {
            return status;
        }

        public Reply build() {
            return new Reply(status, title, blocks);
        }
    }
}
