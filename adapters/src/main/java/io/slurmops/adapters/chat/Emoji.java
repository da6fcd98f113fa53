package io.slurmops.adapters.chat;

import java.util.Map;

/**
 * The few emoji adapters put on messages, by Slack name and by Unicode character, so callers may use
 * either ("white_check_mark" or "✅") whatever the platform.
 */
public final class Emoji {

    public static final String EYES = "eyes";
    public static final String DONE = "white_check_mark";
    public static final String FAILED = "x";
    public static final String WAITING = "hourglass_flowing_sand";

    private static final Map<String, String> UNICODE = Map.of(
            EYES, "👀",
            DONE, "✅",
            FAILED, "❌",
            WAITING, "⏳",
            "warning", "⚠️",
            "heavy_check_mark", "✔️",
            "+1", "👍",
            "thumbsup", "👍",
            "-1", "👎",
            "thumbsdown", "👎");

    private static final Map<String, String> NAMES = Map.of(
            "👀", EYES,
            "✅", DONE,
            "❌", FAILED,
            "⏳", WAITING,
            "⚠️", "warning",
            "✔️", "heavy_check_mark",
            "👍", "+1",
            "👎", "-1");

    private Emoji() {
    }

    /** "white_check_mark" or ":white_check_mark:" → "✅"; other text is returned unchanged. */
    public static String toUnicode(String emoji) {
        String name = strip(emoji);
        return UNICODE.getOrDefault(name, emoji);
    }

    /** "✅" → "white_check_mark"; names pass through without colons. */
    public static String toSlackName(String emoji) {
        return NAMES.getOrDefault(emoji, strip(emoji));
    }

    private static String strip(String emoji) {
        return emoji.length() > 2 && emoji.startsWith(":") && emoji.endsWith(":")
                ? emoji.substring(1, emoji.length() - 1) : emoji;
    }
}
