package io.slurmops.adapters.chat.discord;

import io.slurmops.commands.reply.Block;

import java.util.List;
import java.util.Optional;

/**
 * A reply rendered for Discord: markdown within the 2000-character limit, and the whole reply as plain
 * text when something had to be cut (sent as an attachment), and the reply's own files.
 */
public record DiscordMessage(String content, Optional<String> fullText, String fileName, List<Block.Attachment> files) {

    public DiscordMessage {
        files = List.copyOf(files);
    }

    public DiscordMessage(String content, Optional<String> fullText, String fileName) {
        this(content, fullText, fileName, List.of());
    }

    public boolean truncated() {
        return fullText.isPresent();
    }
}
