package io.slurmops.adapters.chat.discord;

import java.util.Optional;

/**
 * A reply rendered for Discord: markdown within the 2000-character limit, and the whole reply as plain
 * text when something had to be cut (sent as an attachment).
 */
public record DiscordMessage(String content, Optional<String> fullText, String fileName) {

    public boolean truncated() {
        return fullText.isPresent();
    }
}
