package io.slurmops.bot.lab;

import com.google.gson.JsonObject;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;

/** Reading what the bot sent to the Discord REST fake. */
final class DiscordCalls {

    private DiscordCalls() {
    }

    /** A message created in {@code channel}. */
    static boolean isCreate(FakeDiscordRest.Call c, String channel) {
        return c.method().equals("POST") && c.path().equals("/api/v10/channels/" + channel + "/messages");
    }

    static String content(FakeDiscordRest.Call c) {
        return c.payload().has("content") ? c.payload().get("content").getAsString() : "";
    }

    /** The message this one replies to, or null. */
    static String referenced(FakeDiscordRest.Call c) {
        JsonObject ref = c.payload().getAsJsonObject("message_reference");
        return ref == null ? null : ref.get("message_id").getAsString();
    }
}
