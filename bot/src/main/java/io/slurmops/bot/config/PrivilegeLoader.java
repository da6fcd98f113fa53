package io.slurmops.bot.config;

import java.util.Set;

/** Reads and checks {@code privilege:} (see {@link PrivilegeConfig}). */
final class PrivilegeLoader {

    private PrivilegeLoader() {
    }

    static PrivilegeConfig load(Node n) {
        n.allowOnly(Set.of("enabled"));
        return new PrivilegeConfig(n.bool("enabled", false));
    }
}
