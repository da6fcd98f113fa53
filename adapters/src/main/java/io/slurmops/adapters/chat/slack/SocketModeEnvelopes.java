package io.slurmops.adapters.chat.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads Socket Mode frames into the few things the adapter acts on. Pure: no I/O, no identity, so the
 * fixtures can be fed straight in. Filtering (own messages, channels) is the adapter's job.
 *
 * <p>Dedup keys: events carry {@code payload.event_id}, which Slack keeps on every redelivery;
 * interactive payloads have no event id, so a click is keyed on who clicked and the click's
 * {@code action_ts}, falling back to the envelope id.
 */
public final class SocketModeEnvelopes {

    private SocketModeEnvelopes() {
    }

    /** What a frame means to the adapter. */
    public sealed interface Inbound permits Hello, Message, Reaction, ButtonClick, SlashCommand, Other {
    }

    /** The server greets every new connection. */
    public record Hello() implements Inbound {
    }

    /**
     * A channel message or an app mention.
     *
     * @param subtype  null for a plain user message; "bot_message", "message_changed", … otherwise
     * @param botId    set when a bot (possibly this one) posted it
     * @param threadTs the thread root when posted in a thread
     */
    public record Message(String dedupKey, String eventId, String kind, String channel, String channelType,
                          String user, String botId, String subtype, String text, String ts, String threadTs)
            implements Inbound {

        public boolean direct() {
            return "im".equals(channelType) || "mpim".equals(channelType) || channel.startsWith("D");
        }
    }

    /** reaction_added (or, {@code removed}, reaction_removed) on an item. */
    public record Reaction(String dedupKey, String eventId, String user, String reaction, String itemType,
                           String channel, String ts, String itemUser, boolean removed) implements Inbound {
    }

    /** A Block Kit button click (block_actions). */
    public record ButtonClick(String dedupKey, String actionId, String value, String user, String userName,
                              String channel, String messageTs) implements Inbound {
    }

    /**
     * A slash command ("/slurm drain node001 why"). It has no event id; its trigger id is unique per
     * invocation, so a redelivered envelope keeps the same key.
     *
     * @param command as typed, e.g. "/slurm"; {@code text} is what follows it
     */
    public record SlashCommand(String dedupKey, String command, String text, String user, String userName,
                               String channel, String responseUrl) implements Inbound {

        public boolean direct() {
            return channel != null && channel.startsWith("D");
        }
    }

    /** Everything else (unknown types); acked and logged. */
    public record Other(String description) implements Inbound {
    }

    /** One frame: its envelope id (null for hello/disconnect), type and meaning. */
    public record Envelope(String envelopeId, String type, int retryAttempt, Inbound inbound) {
    }

    public static Envelope parse(String frame) {
        JsonObject root;
        try {
            JsonElement el = JsonParser.parseString(frame);
            if (!el.isJsonObject()) {
                return new Envelope(null, "?", 0, new Other("not a JSON object"));
            }
            root = el.getAsJsonObject();
        } catch (JsonParseException e) {
            return new Envelope(null, "?", 0, new Other("unparseable frame"));
        }
        String envelopeId = str(root, "envelope_id");
        String type = str(root, "type");
        int retry = root.has("retry_attempt") && !root.get("retry_attempt").isJsonNull()
                ? root.get("retry_attempt").getAsInt() : 0;
        JsonObject payload = obj(root, "payload");
        Inbound inbound = switch (type == null ? "" : type) {
            case "hello" -> new Hello();
            case "events_api" -> event(payload, envelopeId);
            case "interactive" -> interactive(payload, envelopeId);
            case "slash_commands" -> slash(payload, envelopeId);
            default -> new Other("frame type " + type);
        };
        return new Envelope(envelopeId, type, retry, inbound);
    }

    private static Inbound event(JsonObject payload, String envelopeId) {
        JsonObject event = obj(payload, "event");
        if (event == null) {
            return new Other("events_api without event");
        }
        String eventId = str(payload, "event_id");
        String key = eventId != null ? "event:" + eventId : "envelope:" + envelopeId;
        String id = eventId != null ? eventId : envelopeId;
        String type = str(event, "type");
        return switch (type == null ? "" : type) {
            case "message", "app_mention" -> new Message(key, id, type, str(event, "channel"),
                    str(event, "channel_type"), str(event, "user"), str(event, "bot_id"), str(event, "subtype"),
                    str(event, "text"), str(event, "ts"), str(event, "thread_ts"));
            case "reaction_added", "reaction_removed" -> {
                JsonObject item = obj(event, "item");
                yield new Reaction(key, id, str(event, "user"), str(event, "reaction"),
                        item == null ? null : str(item, "type"), item == null ? null : str(item, "channel"),
                        item == null ? null : str(item, "ts"), str(event, "item_user"), type.equals("reaction_removed"));
            }
            default -> new Other("event " + type);
        };
    }

    private static Inbound interactive(JsonObject payload, String envelopeId) {
        if (payload == null || !"block_actions".equals(str(payload, "type"))) {
            return new Other("interactive " + (payload == null ? "without payload" : str(payload, "type")));
        }
        JsonArray actions = payload.has("actions") ? payload.getAsJsonArray("actions") : new JsonArray();
        if (actions.isEmpty()) {
            return new Other("block_actions without actions");
        }
        JsonObject action = actions.get(0).getAsJsonObject();
        JsonObject user = obj(payload, "user");
        JsonObject container = obj(payload, "container");
        JsonObject channel = obj(payload, "channel");
        String userId = user == null ? null : str(user, "id");
        String actionTs = str(action, "action_ts");
        String key = actionTs != null && userId != null ? "action:" + userId + ":" + actionTs : "envelope:" + envelopeId;
        String channelId = container != null && str(container, "channel_id") != null ? str(container, "channel_id")
                : channel == null ? null : str(channel, "id");
        String messageTs = container == null ? null : str(container, "message_ts");
        return new ButtonClick(key, str(action, "action_id"), str(action, "value"), userId,
                user == null ? null : firstNonNull(str(user, "name"), str(user, "username")), channelId, messageTs);
    }

    private static Inbound slash(JsonObject payload, String envelopeId) {
        if (payload == null) {
            return new Other("slash_commands without payload");
        }
        String trigger = str(payload, "trigger_id");
        return new SlashCommand(trigger != null ? "slash:" + trigger : "envelope:" + envelopeId, str(payload, "command"),
                str(payload, "text"), str(payload, "user_id"), str(payload, "user_name"), str(payload, "channel_id"),
                str(payload, "response_url"));
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static JsonObject obj(JsonObject o, String name) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static String str(JsonObject o, String name) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
