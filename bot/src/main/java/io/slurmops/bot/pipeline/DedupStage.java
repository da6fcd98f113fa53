package io.slurmops.bot.pipeline;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stage 1: each chat delivery is handled once. Platforms redeliver events; a delivery is recorded
 * before it is handled, so a redelivery during or after handling is dropped. On the way it tells
 * the delivery record which channel object the event came through, so that channel gets the news it
 * missed. A bot without a store keeps no record: it only reads, so a repeat is harmless.
 *
 * <p>A delivery recorded only {@link #LATE_AFTER} or more after it arrived is not acted on: Discord gives
 * every event to every instance, and one that could not record it in time has already answered
 * "cannot record … nothing was done, try again" — the other one running it once the store is back would
 * make that answer false (and the retry a second run).
 */
final class DedupStage {

    private static final Logger LOG = LoggerFactory.getLogger(DedupStage.class);

    /** Well past the store pool's 3 s connection timeout, and past a busy minute's queueing (LoadReliability). */
    static final Duration LATE_AFTER = Duration.ofSeconds(15);

    private final Deliveries deliveries;
    private final Clock clock;

    /** @param deliveries null for a bot without a store */
    DedupStage(Deliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    boolean firstMessage(ChatMessage message, ChatChannel channel) {
        if (deliveries == null) {
            return true;
        }
        if (!(channel instanceof DetachedChannel)) {
            deliveries.attach(message.platform(), message.channelId(), channel);
        }
        if (!deliveries.firstDelivery(message.platform(), message.eventId())) {
            LOG.info("redelivered message {} from {} ignored", message.eventId(), message.platform());
            return false;
        }
        refuseIfLate(message.receivedAt());
        return true;
    }

    /**
     * Reactions share the record with messages under their own key space. This only drops a true
     * redelivery (Slack's event_id); Discord's reactions carry no id, so each delivery gets its own and
     * the vote state (one vote per person, withdrawn on removal) keeps a repeat from counting twice.
     */
    boolean firstReaction(ReactionEvent reaction, ChatChannel channel) {
        if (deliveries == null) {
            return true;
        }
        if (reaction.channelId() != null) {
            deliveries.attach(reaction.platform(), reaction.channelId(), channel);
        }
        if (!deliveries.firstDelivery(reaction.platform(), "reaction:" + reaction.eventId())) {
            LOG.debug("redelivered reaction {} ignored", reaction.eventId());
            return false;
        }
        refuseIfLate(reaction.receivedAt());
        return true;
    }

    void attach(String platform, String channelId, ChatChannel channel) {
        if (deliveries != null) {
            deliveries.attach(platform, channelId, channel);
        }
    }

    private void refuseIfLate(Instant receivedAt) {
        Duration waited = Duration.between(receivedAt, clock.instant());
        if (waited.compareTo(LATE_AFTER) >= 0) {
            throw new LateDelivery(waited);
        }
    }

    /** Recorded, but too late to act on (see the class comment); the record keeps a redelivery out too. */
    static final class LateDelivery extends RuntimeException {

        final Duration waited;

        LateDelivery(Duration waited) {
            super("recorded " + waited.toSeconds() + " s after it arrived", null, false, false);
            this.waited = waited;
        }
    }
}
