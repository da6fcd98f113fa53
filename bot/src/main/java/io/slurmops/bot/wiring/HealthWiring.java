package io.slurmops.bot.wiring;

import io.slurmops.adapters.http.EmbeddedHttpServer;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.MetricsConfig;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.metrics.BotMetrics;
import io.slurmops.bot.metrics.HealthEndpoints;
import io.slurmops.bot.metrics.Readiness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The metrics that are read rather than pushed (gauges), and what /readyz checks. */
final class HealthWiring {

    private static final Logger LOG = LoggerFactory.getLogger(HealthWiring.class);

    private HealthWiring() {
    }

    static void instrument(BotMetrics metrics, String version, AlertStore alerts, Set<String> checks,
                           Supplier<Boolean> leaseHeld, String lease, ChatAdapters chat) {
        metrics.bindJvm(version);
        metrics.openIncidents(() -> {
            Map<String, Integer> counts = new TreeMap<>();
            checks.forEach(c -> counts.put(c, 0));
            for (Incident i : alerts.open()) {
                counts.merge(i.probe(), 1, Integer::sum);
            }
            return counts;
        });
        metrics.leaseHolder(lease, () -> Boolean.TRUE.equals(leaseHeld.get()));
        if (chat != null) {
            for (String platform : chat.connections().keySet()) {
                metrics.chat(platform, chat, c -> c.connections().getOrDefault(platform, false),
                        c -> c.reconnects(platform));
            }
        }
    }

    /** Routes the endpoints on the metrics listener; reported and skipped when it cannot start. */
    static java.util.OptionalInt serve(SlurmopsConfig config, HttpListeners listeners, BotMetrics metrics,
                                       Supplier<Readiness> readiness) {
        MetricsConfig m = config.metrics();
        try {
            int maxBody = m.sharesListenerWith(config.alertmanager()) ? config.alertmanager().maxBodyBytes() : 64 * 1024;
            EmbeddedHttpServer server = listeners.on(m.address(), m.port(), maxBody);
            HealthEndpoints.serve(server, metrics, readiness);
            LOG.info("metrics: /metrics, /healthz, /readyz on {}:{}", m.address(), server.port());
            return java.util.OptionalInt.of(server.port());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.error("metrics endpoint not started: {}", e.getMessage());
            return java.util.OptionalInt.empty();
        }
    }

    /** Ready: the store answers and every connected platform is up. The lease is told, not required. */
    static Readiness readiness(SlurmopsStore store, ChatAdapters chat, Boolean leaseHeld, String lease) {
        Map<String, String> parts = new LinkedHashMap<>();
        boolean ready = true;
        try {
            store.transaction(tx -> tx.recentAudit(1));
            parts.put("store", "ok");
        } catch (RuntimeException e) {
            // The reason goes to the log only: a driver's message may name hosts and accounts.
            LOG.warn("readyz: store unreachable: {}", e.getMessage());
            parts.put("store", "unreachable (see the bot's log)");
            ready = false;
        }
        if (chat != null) {
            for (Map.Entry<String, Boolean> c : chat.connections().entrySet()) {
                parts.put("chat." + c.getKey(), c.getValue() ? "connected" : "disconnected");
                ready &= c.getValue();
            }
        }
        parts.put("lease." + lease, leaseHeld == null ? "off" : leaseHeld ? "holder" : "standby");
        return new Readiness(ready, parts);
    }
}
