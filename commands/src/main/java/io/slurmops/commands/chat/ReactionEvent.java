package io.slurmops.commands.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A reaction added to a message (votes on plans arrive this way), or a button click mapped onto one,
 * or a reaction taken away again ({@code removed}: an un-vote).
 *
 * @param eventId the platform's delivery id when it has one (Slack's event_id); platforms without one
 *                (Discord's gateway) pass an id unique to this delivery, and the vote state itself keeps
 *                a repeated reaction from counting twice
 * @param emoji   the platform's name or the Unicode character, normalised later ("white_check_mark", "✅")
 * @param removed true when the person took the reaction off the message
 */
public record ReactionEvent(String platform, String eventId, String channelId, String messageId, String userId,
                            String userName, String emoji, Instant receivedAt, boolean removed) {

    public ReactionEvent {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(emoji, "emoji");
        userName = userName == null || userName.isBlank() ? userId : userName;
        receivedAt = receivedAt == null ? Instant.now() : receivedAt;
    }

    /** A reaction added (or a click). */
    public ReactionEvent(String platform, String eventId, String channelId, String messageId, String userId,
                         String userName, String emoji, Instant receivedAt) {
        this(platform, eventId, channelId, messageId, userId, userName, emoji, receivedAt, false);
    }
}
