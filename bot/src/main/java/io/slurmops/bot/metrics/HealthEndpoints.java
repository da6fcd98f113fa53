package io.slurmops.bot.metrics;

import io.slurmops.adapters.http.EmbeddedHttpServer;
import io.slurmops.adapters.http.EmbeddedHttpServer.HttpRequest;
import io.slurmops.adapters.http.EmbeddedHttpServer.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * {@code /metrics} (Prometheus text format), {@code /healthz} (the process answers) and
 * {@code /readyz} (200 when ready, 503 otherwise; a JSON body says which check failed) on the bot's
 * HTTP listener. Read-only GETs: no authentication, so bind them to loopback or a monitoring network.
 */
public final class HealthEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoints.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private final BotMetrics metrics;
    private final Supplier<Readiness> readiness;

    private HealthEndpoints(BotMetrics metrics, Supplier<Readiness> readiness) {
        this.metrics = metrics;
        this.readiness = readiness;
    }

    /** Adds the three routes to {@code server}. */
    public static void serve(EmbeddedHttpServer server, BotMetrics metrics, Supplier<Readiness> readiness) {
        HealthEndpoints h = new HealthEndpoints(metrics, readiness);
        server.route("/metrics", h::metrics);
        server.route("/healthz", h::health);
        server.route("/readyz", h::ready);
    }

    private HttpResponse metrics(HttpRequest r) {
        if (!isGet(r)) {
            return notAllowed();
        }
        return new HttpResponse(200, PROMETHEUS_TEXT, metrics.scrape());
    }

    private HttpResponse health(HttpRequest r) {
        return isGet(r) ? HttpResponse.text(200, "ok\n") : notAllowed();
    }

    private HttpResponse ready(HttpRequest r) {
        if (!isGet(r)) {
            return notAllowed();
        }
        Readiness now;
        try {
            now = readiness.get();
        } catch (RuntimeException e) {
            LOG.warn("readiness check failed: {}", e.toString());
            now = new Readiness(false, java.util.Map.of("error", String.valueOf(e.getMessage())));
        }
        return new HttpResponse(now.ready() ? 200 : 503, JSON, now.json());
    }

    private static boolean isGet(HttpRequest r) {
        return r.method().equals("GET");
    }

    private static HttpResponse notAllowed() {
        return HttpResponse.text(405, "only GET is accepted\n");
    }
}
