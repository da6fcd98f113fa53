package io.slurmops.bot.pipeline;

import io.slurmops.commands.chat.ChatChannel;

/** The durable record of handled chat deliveries and the channels seen; the dedup stage's store. */
public interface Deliveries {

    /** Records a delivery before it is handled; false for a redelivery, which must be ignored. */
    boolean firstDelivery(String platform, String eventId);

    /** A channel object for (platform, channel id) is at hand: remember it and tell it what it missed. */
    void attach(String platform, String channelId, ChatChannel channel);
}
