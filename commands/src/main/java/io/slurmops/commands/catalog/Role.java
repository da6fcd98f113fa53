package io.slurmops.commands.catalog;

import java.util.Locale;
import java.util.Optional;

/** What a person may do. Each role includes the ones before it. */
public enum Role {
    /** Read-only diagnostics. */
    VIEWER,
    /** May request changes (they still need approval). */
    OPERATOR,
    /** May approve other people's requests, and request changes. */
    APPROVER,
    /** Everything, including requesting destructive commands. */
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String s) {
        for (Role r : values()) {
            if (r.label().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
