package io.slurmops.bot.pipeline;

import java.time.Duration;

/**
 * Told how each chat line addressed to the bot ended (metrics). {@code command} is the name from the
 * catalog's grammar ("resume", "check db"), or {@value #UNKNOWN} for a line that named no command:
 * never the raw text, so the set of values stays small and holds nothing a person typed.
 */
@FunctionalInterface
public interface CommandObserver {

    String UNKNOWN = "unknown";

    CommandObserver NONE = (command, outcome, took) -> { };

    void handled(String command, Outcome outcome, Duration took);
}
