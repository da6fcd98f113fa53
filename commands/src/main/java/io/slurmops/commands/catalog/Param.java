package io.slurmops.commands.catalog;

import java.util.Objects;

/**
 * One positional argument of a command, e.g. {@code HOSTLIST} or the free-text {@code [REASON]}.
 *
 * @param name        how the command asks for the value ({@code inv.hostlist("hostlist")})
 * @param placeholder how usage shows it ("HOSTLIST", "CHECK|HOSTLIST")
 * @param type        what it accepts
 * @param required    false: may be left out (shown in [brackets]); only trailing arguments may be
 * @param rest        true: the rest of the line, words joined by one space (a reason, a comment)
 */
public record Param(String name, String placeholder, ArgType<?> type, boolean required, boolean rest) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(placeholder, "placeholder");
        Objects.requireNonNull(type, "type");
    }

    /** "HOSTLIST" or "[HOSTLIST]". */
    public String usage() {
        return required ? placeholder : "[" + placeholder + "]";
    }
}
