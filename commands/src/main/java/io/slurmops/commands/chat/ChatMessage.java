package io.slurmops.commands.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A chat message as every adapter hands it to the bot, whatever the platform.
 *
 * @param platform  "console", "cli", "slack", "discord"
 * @param eventId   the platform's delivery id; redeliveries carry the same id (dedup key)
 * @param channelId where it was posted
 * @param userId    the platform user id (roles are keyed on it)
 * @param userName  a display name for replies and the audit
 * @param text      the raw text, e.g. "!slurm status"
 * @param messageId the message's own id (replies thread under it)
 */
public record ChatMessage(String platform, String eventId, String channelId, String userId, String userName,
                          String text, String messageId, Instant receivedAt) {

    public ChatMessage {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(userId, "userId");
        userName = userName == null || userName.isBlank() ? userId : userName;
        text = text == null ? "" : text;
        messageId = messageId == null ? eventId : messageId;
        receivedAt = receivedAt == null ? Instant.now() : receivedAt;
    }
}
