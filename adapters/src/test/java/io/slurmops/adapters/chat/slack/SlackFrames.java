package io.slurmops.adapters.chat.slack;

import com.google.gson.JsonObject;
import io.slurmops.adapters.chat.testing.Fixtures;

/** Socket Mode frames for tests, built from the shared fixtures with the fields a test cares about changed. */
public final class SlackFrames {

    private SlackFrames() {
    }

    /** A channel message (events_api_message.json) from {@code user} in {@code channel}. */
    public static String message(String eventId, String channel, String user, String text, String ts) {
        return Fixtures.edit("slack/events_api_message.json", o -> {
            JsonObject event = envelope(o, eventId, 0);
            event.addProperty("channel", channel);
            event.addProperty("user", user);
            event.addProperty("text", text);
            event.addProperty("ts", ts);
            event.addProperty("event_ts", ts);
            if (channel.startsWith("D")) {
                event.addProperty("channel_type", "im");
            }
        });
    }

    /** The same event again, as Slack redelivers it: new envelope id, same event id, retry_attempt set. */
    public static String redelivered(String frame, int attempt) {
        JsonObject o = com.google.gson.JsonParser.parseString(frame).getAsJsonObject();
        o.addProperty("envelope_id", o.get("envelope_id").getAsString() + "-retry" + attempt);
        o.addProperty("retry_attempt", attempt);
        o.addProperty("retry_reason", "timeout");
        return o.toString();
    }

    /** An app_mention (events_api_app_mention.json) of the bot. */
    public static String mention(String eventId, String channel, String user, String text, String ts) {
        return Fixtures.edit("slack/events_api_app_mention.json", o -> {
            JsonObject event = envelope(o, eventId, 0);
            event.addProperty("channel", channel);
            event.addProperty("user", user);
            event.addProperty("text", text);
            event.addProperty("ts", ts);
            event.addProperty("event_ts", ts);
        });
    }

    public static String reaction(String eventId, String user, String reaction, String channel, String ts) {
        return Fixtures.edit("slack/events_api_reaction_added.json", o -> {
            JsonObject event = envelope(o, eventId, 0);
            event.addProperty("user", user);
            event.addProperty("reaction", reaction);
            event.addProperty("item_user", FakeSlackWebApi.BOT_USER);
            JsonObject item = event.getAsJsonObject("item");
            item.addProperty("channel", channel);
            item.addProperty("ts", ts);
        });
    }

    /** reaction_removed (events_api_reaction_removed.json): {@code user} took {@code reaction} off message {@code ts}. */
    public static String reactionRemoved(String eventId, String user, String reaction, String channel, String ts) {
        return Fixtures.edit("slack/events_api_reaction_removed.json", o -> {
            JsonObject event = envelope(o, eventId, 0);
            event.addProperty("user", user);
            event.addProperty("reaction", reaction);
            event.addProperty("item_user", FakeSlackWebApi.BOT_USER);
            JsonObject item = event.getAsJsonObject("item");
            item.addProperty("channel", channel);
            item.addProperty("ts", ts);
        });
    }

    /** A slash command (slash_commands_envelope.json): {@code /slurm text} typed by {@code user} in {@code channel}. */
    public static String slash(String envelopeId, String user, String userName, String channel, String text,
                               String triggerId) {
        return Fixtures.edit("slack/slash_commands_envelope.json", o -> {
            o.addProperty("envelope_id", envelopeId);
            JsonObject p = o.getAsJsonObject("payload");
            p.addProperty("command", "/slurm");
            p.addProperty("text", text);
            p.addProperty("user_id", user);
            p.addProperty("user_name", userName);
            p.addProperty("channel_id", channel);
            p.addProperty("trigger_id", triggerId);
        });
    }

    /** A block_actions click (interactive_block_actions_button.json) on a button of message {@code ts}. */
    public static String click(String envelopeId, String user, String actionId, String value, String channel, String ts,
                        String actionTs) {
        return Fixtures.edit("slack/interactive_block_actions_button.json", o -> {
            o.addProperty("envelope_id", envelopeId);
            JsonObject p = o.getAsJsonObject("payload");
            p.getAsJsonObject("user").addProperty("id", user);
            p.getAsJsonObject("container").addProperty("message_ts", ts);
            p.getAsJsonObject("container").addProperty("channel_id", channel);
            p.getAsJsonObject("channel").addProperty("id", channel);
            p.getAsJsonObject("message").addProperty("ts", ts);
            JsonObject action = p.getAsJsonArray("actions").get(0).getAsJsonObject();
            action.addProperty("action_id", actionId);
            action.addProperty("value", value);
            action.addProperty("action_ts", actionTs);
        });
    }

    /** Any fixture with a fresh envelope and event id and {@code text}, to test what must be ignored. */
    public static String fixtureWithText(String fixture, String eventId, String text) {
        return Fixtures.edit(fixture, o -> {
            JsonObject event = envelope(o, eventId, 0);
            if (event.has("text")) {
                event.addProperty("text", text);
            }
            if (event.has("message")) {
                event.getAsJsonObject("message").addProperty("text", text);
            }
            event.addProperty("channel", "C111");
        });
    }

    private static JsonObject envelope(JsonObject o, String eventId, int retry) {
        o.addProperty("envelope_id", "env-" + eventId);
        o.addProperty("retry_attempt", retry);
        JsonObject payload = o.getAsJsonObject("payload");
        payload.addProperty("event_id", eventId);
        return payload.getAsJsonObject("event");
    }
}
