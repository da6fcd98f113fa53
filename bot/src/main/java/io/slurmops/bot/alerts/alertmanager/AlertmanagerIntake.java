package io.slurmops.bot.alerts.alertmanager;

import io.slurmops.adapters.http.EmbeddedHttpServer;
import io.slurmops.adapters.http.EmbeddedHttpServer.HttpRequest;
import io.slurmops.adapters.http.EmbeddedHttpServer.HttpResponse;
import io.slurmops.bot.alerts.AlertEvent;
import io.slurmops.bot.alerts.AlertService;
import io.slurmops.bot.config.AlertmanagerConfig;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Alertmanager webhook: each alert of a notification becomes an incident of probe
 * {@value #SOURCE}, keyed by the group and the alert's fingerprint, posted, threaded, silenced and
 * fixed like the health watch's. A refused post gets a 4xx and one log line, nothing else.
 */
public final class AlertmanagerIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerIntake.class);

    /** The probe name of these incidents: {@code !slurm silence alertmanager 2h} quiets them all. */
    public static final String SOURCE = "alertmanager";
    private static final int MAX_SUMMARY = 300;

    private final AlertService alerts;
    private final WebhookAuth auth;
    private final FixMapping fixes;
    private final EmbeddedHttpServer server;
    /** False when the listener is shared (with the metrics endpoint): its owner closes it. */
    private final boolean ownsServer;

    private AlertmanagerIntake(AlertService alerts, WebhookAuth auth, FixMapping fixes, EmbeddedHttpServer server,
                               boolean ownsServer) {
        this.alerts = alerts;
        this.auth = auth;
        this.fixes = fixes;
        this.server = server;
        this.ownsServer = ownsServer;
    }

    /**
     * Reads the secret, checks the fix rules against the catalog and starts listening.
     *
     * @throws IOException              when the address cannot be bound or the secret file read
     * @throws IllegalArgumentException when a fix rule names no command of the bot, or the secret is empty
     */
    public static AlertmanagerIntake start(AlertmanagerConfig config, AlertService alerts, CommandCatalog catalog)
            throws IOException {
        WebhookAuth auth = new WebhookAuth(config.auth(), config.username(), secret(config));
        FixMapping fixes = new FixMapping(config.fixes(), catalog);
        EmbeddedHttpServer server = EmbeddedHttpServer.start(config.address(), config.port(), config.maxBodyBytes());
        return listen(new AlertmanagerIntake(alerts, auth, fixes, server, true), config);
    }

    /**
     * As {@link #start(AlertmanagerConfig, AlertService, CommandCatalog)}, on a listener that is shared
     * (bound to {@code config.address():port} by its owner, who closes it).
     */
    public static AlertmanagerIntake start(AlertmanagerConfig config, AlertService alerts, CommandCatalog catalog,
                                           EmbeddedHttpServer shared) throws IOException {
        WebhookAuth auth = new WebhookAuth(config.auth(), config.username(), secret(config));
        FixMapping fixes = new FixMapping(config.fixes(), catalog);
        return listen(new AlertmanagerIntake(alerts, auth, fixes, shared, false), config);
    }

    private static AlertmanagerIntake listen(AlertmanagerIntake intake, AlertmanagerConfig config) {
        intake.server.route(config.path(), intake::handle);
        LOG.info("alertmanager webhook listening on {}:{}{}", config.address(), intake.server.port(), config.path());
        return intake;
    }

    private static String secret(AlertmanagerConfig config) throws IOException {
        if (!config.secretFile().isEmpty()) {
            return Files.readString(Path.of(config.secretFile()), StandardCharsets.UTF_8).strip();
        }
        return config.secret();
    }

    public int port() {
        return server.port();
    }

    HttpResponse handle(HttpRequest request) {
        if (!request.method().equals("POST")) {
            return refuse(request, 405, "only POST is accepted");
        }
        if (!auth.accepts(request.header("authorization"))) {
            return refuse(request, 401, "missing or wrong credentials");
        }
        String type = request.header("content-type").toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.startsWith("application/json;")) {
            return refuse(request, 415, "content type must be application/json");
        }
        Notification n;
        try {
            n = Notification.parse(request.body());
        } catch (Notification.Malformed e) {
            return refuse(request, 400, "malformed notification: " + e.getMessage());
        }
        List<Observation> firing = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (Notification.Alert a : n.alerts()) {
            String key = key(n.groupKey(), a.fingerprint());
            if (a.firing()) {
                firing.add(observation(key, a));
            } else {
                resolved.add(key);
            }
        }
        Optional<List<AlertEvent>> events = alerts.receive(SOURCE, firing, resolved);
        if (events.isEmpty()) {
            // Alertmanager retries on 5xx; the instance leading the health watch posts it.
            return HttpResponse.text(503, "standing by: another instance posts alerts\n");
        }
        return HttpResponse.text(200, "ok: " + events.get().size() + " change(s)\n");
    }

    private Observation observation(String key, Notification.Alert a) {
        Map<String, String> labels = a.labels();
        String name = clean(labels.getOrDefault("alertname", "alert"), 80);
        String subject = clean(labels.getOrDefault("node", labels.getOrDefault("instance", name)), 120);
        String about = a.annotations().getOrDefault("summary", a.annotations().getOrDefault("description", ""));
        Status severity = "critical".equalsIgnoreCase(labels.get("severity")) ? Status.CRITICAL : Status.WARNING;
        FixMapping.Fix fix = fixes.fixFor(labels);
        String summary = name + (about.isBlank() ? " on " + subject : ": " + clean(about, MAX_SUMMARY))
                + (fix.refused().isEmpty() ? "" : " (no fix offered: " + clean(fix.refused(), 300) + ")");
        return new Observation(key, SOURCE, subject, severity, summary, "", fix.command());
    }

    /** {@code alertmanager:GROUP:FINGERPRINT}, the group hashed: group keys are long and any text. */
    static String key(String groupKey, String fingerprint) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
            return SOURCE + ":" + HexFormat.of().formatHex(d, 0, 8) + ":" + fingerprint;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Label and annotation text shown in chat: no control characters, no Slack/Discord markup that
     * could mention everyone ({@code <!channel>}, {@code @everyone}) or break out of code spans.
     */
    static String clean(String s, int max) {
        String t = s.replaceAll("[\\p{Cntrl}]", " ").replaceAll("[<>`]", "").replace("@", "(at)").strip();
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }

    private static HttpResponse refuse(HttpRequest request, int status, String why) {
        LOG.warn("alertmanager webhook: {} from {}: {}", status, request.remote(), why);
        return HttpResponse.text(status, why + "\n");
    }

    @Override
    public void close() {
        if (ownsServer) {
            server.close();
        }
    }
}
