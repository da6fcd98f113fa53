package io.slurmops.bot.config;

import com.fasterxml.jackson.core.JacksonException;

import java.util.stream.Collectors;

/**
 * A YAML syntax error in one line, without the parser's quote of the offending source line: that
 * line may hold a secret (a password or token being typed in), and errors are printed and logged.
 */
final class YamlErrors {

    /** "not valid YAML: while scanning a quoted scalar; found unexpected end of stream (line 3)". */
    static String describe(JacksonException e) {
        String problem = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines()
                // SnakeYAML quotes the source as "    <line>" then "    ^" after each " in 'reader', line N" mark.
                .filter(l -> !l.startsWith("  ") && !l.isBlank() && !l.startsWith(" in '"))
                .map(String::strip)
                .collect(Collectors.joining("; "));
        return "not valid YAML: " + (problem.isEmpty() ? "syntax error" : problem)
                + (e.getLocation() != null && e.getLocation().getLineNr() > 0
                        ? " (line " + e.getLocation().getLineNr() + ")" : "");
    }

    private YamlErrors() {
    }
}
