package io.slurmops.bot.pipeline;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1: each chat delivery is handled once. Platforms redeliver events; a delivery is recorded
 * before it is handled, so a redelivery during or after handling is dropped. On the way it tells
 * the delivery record which channel object the event came through, so that channel gets the news it
 * missed. A bot without a store keeps no record: it only reads, so a repeat is harmless.
 */
final class DedupStage {

    private static final Logger LOG = LoggerFactory.getLogger(DedupStage.class);

    private final Deliveries deliveries;

    /** @param deliveries null for a bot without a store */
    DedupStage(Deliveries deliveries) {
        this.deliveries = deliveries;
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
        return true;
    }

    void attach(String platform, String channelId, ChatChannel channel) {
        if (deliveries != null) {
            deliveries.attach(platform, channelId, channel);
        }
    }
}
