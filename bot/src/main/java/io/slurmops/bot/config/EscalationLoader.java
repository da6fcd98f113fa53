package io.slurmops.bot.config;

import java.util.Set;

/** Reads and checks {@code escalation:} (see {@link EscalationConfig}). */
final class EscalationLoader {

    private EscalationLoader() {
    }

    static EscalationConfig load(Node n) {
        n.allowOnly(Set.of("enabled"));
        return new EscalationConfig(n.bool("enabled", false));
    }
}
