package io.slurmops.adapters.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises a command in a chat line: "!slurm status" as typed, or "@bot status" (the platform's
 * mention markup, e.g. Slack's {@code <@U123>}, Discord's {@code <@123>}), which becomes "!slurm status".
 * Anything else is conversation and never reaches the bot.
 */
public final class CommandText {

    private final String prefix;
    private final Pattern mention;

    /** @param mention matches the bot's mention markup at the start of a line */
    public CommandText(String prefix, Pattern mention) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("command prefix must not be blank");
        }
        this.prefix = prefix.strip();
        this.mention = mention;
    }

    public String prefix() {
        return prefix;
    }

    /** The command line in prefix form, or empty when the text is not addressed to the bot. */
    public Optional<String> extract(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (startsWithWord(t, prefix)) {
            return Optional.of(t);
        }
        var m = mention.matcher(t);
        if (m.lookingAt()) {
            String rest = t.substring(m.end()).strip();
            if (startsWithWord(rest, prefix)) {
                return Optional.of(rest);     // "@bot !slurm status" is the same command
            }
            return Optional.of(rest.isEmpty() ? prefix : prefix + " " + rest);
        }
        return Optional.empty();
    }

    /** True for lines that mention the bot first (handled as app mentions, not as plain messages). */
    public boolean startsWithMention(String text) {
        return text != null && mention.matcher(text.strip()).lookingAt();
    }

    private static boolean startsWithWord(String text, String word) {
        return text.startsWith(word) && (text.length() == word.length() || Character.isWhitespace(text.charAt(word.length())));
    }
}
