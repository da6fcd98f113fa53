package io.slurmops.bot.config;

/**
 * {@code metrics:} — the HTTP endpoint for {@code /metrics} (Prometheus text format), {@code /healthz}
 * and {@code /readyz}. Off by default; loopback unless an address is given. On the same port as the
 * Alertmanager webhook, the two share one listener (then they must also share the address).
 */
public record MetricsConfig(boolean enabled, String address, int port) {

    /** The Alertmanager webhook's default port too: with both on, one listener serves both. */
    public static final int DEFAULT_PORT = AlertmanagerConfig.DEFAULT_PORT;

    public static MetricsConfig defaults() {
        return new MetricsConfig(false, "127.0.0.1", DEFAULT_PORT);
    }

    /** True when this endpoint and the Alertmanager webhook are served by one listener. */
    public boolean sharesListenerWith(AlertmanagerConfig alertmanager) {
        return enabled && alertmanager.enabled() && port == alertmanager.port();
    }
}
