package io.slurmops.bot.alerts;

import java.util.Objects;

/**
 * Where an incident's message was posted. A message id alone names nothing (a Slack {@code ts} is
 * unique only within its channel): a reaction belongs to an incident only when all three match.
 */
public record AlertMessage(String platform, String channelId, String id) {

    public AlertMessage {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(id, "id");
    }

    public boolean is(String platform, String channelId, String id) {
        return this.platform.equals(platform) && this.channelId.equals(channelId) && this.id.equals(id);
    }
}
