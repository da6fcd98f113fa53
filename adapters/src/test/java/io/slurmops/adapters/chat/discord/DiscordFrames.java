package io.slurmops.adapters.chat.discord;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.slurmops.adapters.chat.testing.Fixtures;

/** Gateway dispatches for tests, built from the shared minimal fixtures with the fields a test cares about changed. */
public final class DiscordFrames {

    public static final String USER = "100000000000000030";

    private DiscordFrames() {
    }

    /** MESSAGE_CREATE (gateway_message_create_minimal.json). */
    public static JsonObject message(String id, String channel, String authorId, String username, String content) {
        JsonObject f = Fixtures.json("discord/gateway_message_create_minimal.json");
        JsonObject d = f.getAsJsonObject("d");
        d.addProperty("id", id);
        d.addProperty("channel_id", channel);
        d.addProperty("content", content);
        d.getAsJsonObject("author").addProperty("id", authorId);
        d.getAsJsonObject("author").addProperty("username", username);
        return f;
    }

    public static JsonObject fromBot(String id, String authorId, String content) {
        JsonObject f = message(id, FakeDiscordGateway.CHANNEL, authorId, "otherbot", content);
        f.getAsJsonObject("d").getAsJsonObject("author").addProperty("bot", true);
        return f;
    }

    public static JsonObject fromWebhook(String id, String content) {
        JsonObject f = message(id, FakeDiscordGateway.CHANNEL, "100000000000000099", "hook", content);
        f.getAsJsonObject("d").addProperty("webhook_id", "100000000000000099");
        f.getAsJsonObject("d").remove("member");
        return f;
    }

    /** MESSAGE_REACTION_ADD (gateway_message_reaction_add_minimal.json). */
    public static JsonObject reaction(String userId, String username, String messageId, String emoji) {
        JsonObject f = Fixtures.json("discord/gateway_message_reaction_add_minimal.json");
        JsonObject d = f.getAsJsonObject("d");
        d.addProperty("user_id", userId);
        d.addProperty("message_id", messageId);
        d.getAsJsonObject("emoji").addProperty("name", emoji);
        d.getAsJsonObject("member").getAsJsonObject("user").addProperty("id", userId);
        d.getAsJsonObject("member").getAsJsonObject("user").addProperty("username", username);
        return f;
    }

    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A snowflake of now: JDA reads an interaction's age from its id and refuses to answer one older
     * than 15 minutes (a fixed id from the fixtures' era would be "expired").
     */
    public static String newId() {
        return Long.toString(((System.currentTimeMillis() - 1420070400000L) << 22) | (SEQUENCE.incrementAndGet() & 0xFFF));
    }

    /** MESSAGE_REACTION_REMOVE: as Discord sends it, without a member. */
    public static JsonObject reactionRemoved(String userId, String messageId, String emoji) {
        JsonObject f = reaction(userId, "unused", messageId, emoji);
        f.addProperty("t", "MESSAGE_REACTION_REMOVE");
        f.getAsJsonObject("d").remove("member");
        return f;
    }

    /**
     * INTERACTION_CREATE for a click on a button of message {@code messageId} (type 3, component_type 2).
     * No fixture exists for it; the fields are those JDA's InteractionImpl/ComponentInteractionImpl read.
     */
    public static JsonObject click(String interactionId, String customId, String messageId, String userId, String username) {
        JsonObject d = interaction(interactionId, 3, userId, username);
        JsonObject data = new JsonObject();
        data.addProperty("custom_id", customId);
        data.addProperty("component_type", 2);
        d.add("data", data);
        JsonObject message = new JsonObject();               // id and flags only: JDA accepts a partial message
        message.addProperty("id", messageId);
        message.addProperty("flags", 0);
        d.add("message", message);
        JsonObject f = new JsonObject();
        f.addProperty("op", 0);
        f.addProperty("t", "INTERACTION_CREATE");
        f.add("d", d);
        return f;
    }

    /** INTERACTION_CREATE type 2: /slurm with its "command" option set to {@code text} (null: left out). */
    public static JsonObject slash(String interactionId, String userId, String username, String text) {
        JsonObject d = interaction(interactionId, 2, userId, username);
        d.add("data", command(text, false));
        return frame(d);
    }

    /** INTERACTION_CREATE type 4: autocomplete of /slurm's "command" option, {@code partial} typed so far. */
    public static JsonObject autocomplete(String interactionId, String userId, String username, String partial) {
        JsonObject d = interaction(interactionId, 4, userId, username);
        d.add("data", command(partial, true));
        return frame(d);
    }

    private static JsonObject command(String value, boolean focused) {
        JsonObject data = new JsonObject();
        data.addProperty("id", "400000000000000001");
        data.addProperty("name", "slurm");
        data.addProperty("type", 1);
        JsonArray options = new JsonArray();
        if (value != null) {
            JsonObject o = new JsonObject();
            o.addProperty("name", "command");
            o.addProperty("type", 3);
            o.addProperty("value", value);
            if (focused) {
                o.addProperty("focused", true);
            }
            options.add(o);
        }
        data.add("options", options);
        return data;
    }

    private static JsonObject frame(JsonObject d) {
        JsonObject f = new JsonObject();
        f.addProperty("op", 0);
        f.addProperty("t", "INTERACTION_CREATE");
        f.add("d", d);
        return f;
    }

    /** The fields every INTERACTION_CREATE carries (those JDA's InteractionImpl reads), in our guild and channel. */
    private static JsonObject interaction(String interactionId, int type, String userId, String username) {
        JsonObject d = new JsonObject();
        d.addProperty("id", interactionId);
        d.addProperty("application_id", FakeDiscordRest.BOT_ID);
        d.addProperty("type", type);
        d.addProperty("version", 1);
        d.addProperty("token", "interaction-token-" + interactionId);
        d.addProperty("guild_id", FakeDiscordGateway.GUILD);
        d.addProperty("channel_id", FakeDiscordGateway.CHANNEL);
        d.addProperty("locale", "en-US");
        d.addProperty("guild_locale", "en-US");
        d.addProperty("context", 0);
        d.addProperty("app_permissions", "274878024768");
        d.add("entitlements", new JsonArray());
        JsonObject owners = new JsonObject();
        owners.addProperty("0", FakeDiscordGateway.GUILD);
        d.add("authorizing_integration_owners", owners);
        JsonObject guild = new JsonObject();
        guild.addProperty("id", FakeDiscordGateway.GUILD);
        guild.addProperty("locale", "en-US");
        guild.add("features", new JsonArray());
        d.add("guild", guild);
        JsonObject channel = new JsonObject();
        channel.addProperty("id", FakeDiscordGateway.CHANNEL);
        channel.addProperty("type", 0);
        d.add("channel", channel);
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("username", username);
        JsonObject member = new JsonObject();
        member.add("user", user);
        member.add("roles", new JsonArray());
        member.addProperty("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.addProperty("permissions", "274878024768");
        d.add("member", member);
        return d;
    }
}
