package io.slurmops.commands.runbook;

import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.hostlist.HostlistException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The type of a runbook value. Directory types say what a directory holds, so the validator knows
 * that a verified copy of {@code ${stateDir}} protects slurmctld's state.
 */
public enum ValueType {
    HOSTLIST, PATH, STATE_DIR, CONFIG_DIR, TEXT, DURATION;

    private static final Pattern DURATION_TEXT = Pattern.compile("\\d+(ms|s|m|h)");

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ValueType> parse(String s) {
        for (ValueType t : values()) {
            if (t.label().equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** What the data in a directory of this type is, if it is one the guard rails know. */
    public Optional<DataKind> holds() {
        return switch (this) {
            case STATE_DIR -> Optional.of(DataKind.STATE);
            case CONFIG_DIR -> Optional.of(DataKind.CONFIG);
            default -> Optional.empty();
        };
    }

    /** Empty when {@code value} is a valid value of this type; otherwise why not. */
    public Optional<String> problemWith(String value) {
        if (value.isEmpty() || value.contains("\n")) {
            return Optional.of("must be one non-empty line");
        }
        return switch (this) {
            case HOSTLIST -> hostlistProblem(value);
            case PATH, STATE_DIR, CONFIG_DIR -> value.startsWith("/") && !value.contains("/../") && !value.endsWith("/..")
                    ? Optional.empty() : Optional.of("must be an absolute path without `..`");
            case DURATION -> DURATION_TEXT.matcher(value).matches()
                    ? Optional.empty() : Optional.of("must be a duration such as 90s, 5m or 1h");
            case TEXT -> Optional.empty();
        };
    }

    private static Optional<String> hostlistProblem(String value) {
        try {
            return Hostlist.parse(value).size() == 0 ? Optional.of("names no host") : Optional.empty();
        } catch (HostlistException e) {
            return Optional.of("is not a hostlist: " + e.getMessage());
        }
    }
}
