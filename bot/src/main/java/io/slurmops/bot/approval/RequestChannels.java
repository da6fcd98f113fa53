package io.slurmops.bot.approval;

import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.commands.chat.ChatChannel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where to talk about a request, known only in memory: the channel object it was asked through,
 * and the last channel object seen for each (platform, channel id). After a restart the first is
 * gone; the second fills in as soon as anything arrives from that channel.
 */
final class RequestChannels {

    private final Map<Long, ChatChannel> byRequest = new ConcurrentHashMap<>();
    private final Map<String, ChatChannel> byChannel = new ConcurrentHashMap<>();

    void remember(long requestId, ChatChannel channel) {
        byRequest.put(requestId, channel);
    }

    /** The request is over: its channel object need not be kept any longer. */
    void forget(long requestId) {
        byRequest.remove(requestId);
    }

    void seen(String platform, String channelId, ChatChannel channel) {
        byChannel.put(key(platform, channelId), channel);
    }

    Optional<ChatChannel> of(RequestRecord r) {
        ChatChannel c = byRequest.get(r.id());
        return c != null ? Optional.of(c) : Optional.ofNullable(byChannel.get(key(r.platform(), r.channelId())));
    }

    Map<String, ChatChannel> known() {
        return Map.copyOf(byChannel);
    }

    static String key(String platform, String channelId) {
        return platform + "\u0000" + channelId;
    }

    static String[] split(String key) {
        return key.split("\u0000", 2);
    }
}
