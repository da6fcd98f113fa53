package io.slurmops.bot.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A generic JSON webhook for the levels a vendor or a home-made pager serves. Each POST is signed:
 * {@code X-Slurmops-Timestamp} (Unix seconds) and {@code X-Slurmops-Signature: sha256=HEX}, the
 * HMAC-SHA256 under the shared secret of {@code TIMESTAMP + "." + BODY}. A receiver recomputes it and
 * refuses old timestamps, so a captured request can be neither altered nor replayed later.
 */
final class SignedWebhook {

    static final String TIMESTAMP = "X-Slurmops-Timestamp";
    static final String SIGNATURE = "X-Slurmops-Signature";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Clock clock;

    SignedWebhook(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    Delivery send(String url, String action, JsonNode detail, String secret) {
        ObjectNode body = PageDetail.JSON.createObjectNode();
        body.put("event", action);
        body.put("id", PageDetail.dedupKey(detail));
        body.set("incident", detail);
        String json = body.toString();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpResponse<Void> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, "sha256=" + sign(secret, timestamp, json))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return Delivery.retry("webhook unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.retry("interrupted");
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return Delivery.sent("webhook accepted " + action);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Delivery.retry("webhook answered " + status);
        }
        return Delivery.failed("webhook refused the event (" + status + ")");
    }

    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
