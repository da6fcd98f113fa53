package io.slurmops.bot.escalation;

import io.slurmops.bot.config.EscalationConfig.Target;

import java.util.Locale;
import java.util.Optional;

/** Reads back an outbox row's target column ({@code group:oncall}, {@code pagerduty:hpc}, {@code webhook:vendor}). */
final class Targets {

    private Targets() {
    }

    static Optional<Target> parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Target(Target.Kind.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT)),
                    text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Paging services outside chat: they hear the acknowledgement and the recovery too. */
    static boolean external(String target) {
        return !target.startsWith("group:");
    }
}
