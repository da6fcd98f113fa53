package io.slurmops.bot.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where incidents and silences live; durable in production (JDBC), in memory for unit tests. */
public interface AlertStore {

    long nextIncidentId();

    /** The most recent incident for a key, open or resolved. */
    Optional<Incident> latest(String key);

    List<Incident> open();

    /** Incidents opened at or after {@code since}, newest first. */
    List<Incident> since(Instant since);

    /** The incident posted as this message; platform, channel and message id must all match. */
    Optional<Incident> byMessage(String platform, String channelId, String messageId);

    void save(Incident incident);

    /**
     * Claims the chat post {@code key} before it is made: with several instances only the lease
     * holder's claim wins, once (again only for a newer holder if the claimant died before
     * {@link #postDone}). True where there is one instance.
     */
    default boolean claimPost(String key) {
        return true;
    }

    /** The claimed post was made. */
    default void postDone(String key) {
    }

    Silence addSilence(String target, Instant until, String reason, String by, Instant now);

    List<Silence> activeSilences(Instant now);
}
