package io.slurmops.bot.config;

/**
 * {@code metrics:} — the HTTP endpoint for /metrics, /healthz and /readyz (off by default).
 * (Placeholder created so parallel work has its own section; the owner fills in the components.)
 */
public record MetricsConfig(boolean enabled) {

    public static MetricsConfig defaults() {
        return new MetricsConfig(false);
    }
}
