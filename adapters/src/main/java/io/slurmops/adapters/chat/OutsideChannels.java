package io.slurmops.adapters.chat;

import java.util.Locale;

/** What an adapter does with a command typed where the bot may not work (a channel off the allow-list, a DM). */
public enum OutsideChannels {
    /** Say nothing: the bot looks absent there. */
    IGNORE,
    /** Answer once, in the command's thread, that commands are not taken there. */
    REFUSE;

    /** Parses "ignore" / "refuse" as written in the configuration. */
    public static OutsideChannels parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("outsideChannels must be ignore or refuse, not " + text, e);
        }
    }
}
