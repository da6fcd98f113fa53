package io.slurmops.bot.config;

import java.util.Set;

/** Reads and checks {@code metrics:} (see {@link MetricsConfig}). */
final class MetricsLoader {

    private MetricsLoader() {
    }

    static MetricsConfig load(Node n) {
        n.allowOnly(Set.of("enabled"));
        return new MetricsConfig(n.bool("enabled", false));
    }
}
