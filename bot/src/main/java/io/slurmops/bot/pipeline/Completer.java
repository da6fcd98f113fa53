package io.slurmops.bot.pipeline;

import java.util.List;

/** Completes a partly typed command line (without the prefix) from memory; see {@code ChatHandler#complete}. */
@FunctionalInterface
public interface Completer {

    Completer NONE = partial -> List.of();

    List<String> complete(String partial);

    /** Starts filling what it completes from, in the background (a platform with autocomplete is coming up). */
    default void warm() {
    }
}
