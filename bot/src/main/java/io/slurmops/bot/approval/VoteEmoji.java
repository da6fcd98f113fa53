package io.slurmops.bot.approval;

import io.slurmops.adapters.store.Decision;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a reaction into a vote. Platforms name the same emoji differently (Slack "+1::skin-tone-3",
 * Mattermost "+1_medium_light_skin_tone", Discord the character itself with a skin-tone modifier and
 * variation selector); all are reduced to a bare name or character first. Anything else is no vote.
 */
public final class VoteEmoji {

    private static final Set<String> APPROVE = Set.of("white_check_mark", "heavy_check_mark",
            "ballot_box_with_check", "+1", "thumbsup", "thumbs_up", "\u2705", "\u2714", "\u2611", "\uD83D\uDC4D");
    private static final Set<String> DENY = Set.of("x", "no_entry_sign", "no_entry", "-1", "thumbsdown",
            "thumbs_down", "\u274C", "\uD83D\uDEAB", "\u26D4", "\uD83D\uDC4E");

    private VoteEmoji() {
    }

    public static Optional<Decision> decision(String emoji) {
        String e = normalise(emoji);
        if (APPROVE.contains(e)) {
            return Optional.of(Decision.APPROVE);
        }
        if (DENY.contains(e)) {
            return Optional.of(Decision.DENY);
        }
        return Optional.empty();
    }

    /** ":+1::skin-tone-2:" → "+1", "👍🏽" → "👍", "✔️" → "✔". */
    static String normalise(String emoji) {
        String e = emoji.strip().toLowerCase(Locale.ROOT);
        e = e.replaceAll("::?skin[-_]tone[-_]\\d:?", "");
        e = e.replaceAll("_(light|medium_light|medium|medium_dark|dark)_skin_tone$", "");
        e = e.replaceAll("^:+|:+$", "");
        StringBuilder b = new StringBuilder();
        e.codePoints().filter(cp -> !(cp >= 0x1F3FB && cp <= 0x1F3FF) && cp != 0xFE0F && cp != 0xFE0E)
                .forEach(b::appendCodePoint);
        return b.toString();
    }
}
