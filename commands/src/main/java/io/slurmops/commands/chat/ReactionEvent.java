package io.slurmops.commands.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A reaction added to a message (votes on plans arrive this way), or a button click mapped onto one.
 *
 * @param emoji the platform's name or the Unicode character, normalised later ("white_check_mark", "✅")
 */
public record ReactionEvent(String platform, String eventId, String channelId, String messageId, String userId,
                            String userName, String emoji, Instant receivedAt) {

    public ReactionEvent {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(emoji, "emoji");
        userName = userName == null || userName.isBlank() ? userId : userName;
        receivedAt = receivedAt == null ? Instant.now() : receivedAt;
    }
}
