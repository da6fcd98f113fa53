package io.slurmops.bot.config;

import java.util.Set;

/** Reads and checks {@code incidents:} (see {@link IncidentCommandConfig}). */
final class IncidentCommandLoader {

    private IncidentCommandLoader() {
    }

    static IncidentCommandConfig load(Node n) {
        n.allowOnly(Set.of("enabled"));
        return new IncidentCommandConfig(n.bool("enabled", false));
    }
}
