package io.slurmops.adapters.store;

import java.time.Instant;
import java.util.Objects;

/** What is known when a change is asked for, before it has a plan. */
public record NewRequest(String command, String line, String risk, String requesterId, String requesterName,
                         String platform, String channelId, Instant createdAt) {

    public NewRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(requesterId, "requesterId");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
