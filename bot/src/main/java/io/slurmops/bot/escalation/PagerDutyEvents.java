package io.slurmops.bot.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slurmops.adapters.store.PageRow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * PagerDuty Events API v2: one POST per event to {@code /v2/enqueue}. A trigger carries the incident
 * (summary, source, severity, component); acknowledge and resolve name it by the same {@code dedup_key}.
 * 202 is accepted; 400 ("invalid event", with errors) is final; 429 and 5xx are retried later.
 */
final class PagerDutyEvents {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI url;

    PagerDutyEvents(HttpClient http, String url) {
        this.http = http;
        this.url = URI.create(url);
    }

    Delivery send(String action, JsonNode detail, String routingKey) {
        String body = event(action, detail, routingKey).toString();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Delivery.retry("PagerDuty unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.retry("interrupted");
        }
        int status = response.statusCode();
        if (status == 202 || status == 200) {
            return Delivery.sent("PagerDuty accepted " + action + " " + PageDetail.dedupKey(detail));
        }
        if (status == 429 || status >= 500) {
            return Delivery.retry("PagerDuty answered " + status);
        }
        return Delivery.failed("PagerDuty refused the event (" + status + "): " + errors(response.body()));
    }

    /** The event; for acknowledge and resolve only the key and the dedup key are needed. */
    static ObjectNode event(String action, JsonNode detail, String routingKey) {
        ObjectNode e = PageDetail.JSON.createObjectNode();
        e.put("routing_key", routingKey);
        e.put("event_action", action);
        e.put("dedup_key", PageDetail.dedupKey(detail));
        if (PageRow.TRIGGER.equals(action)) {
            ObjectNode p = e.putObject("payload");
            p.put("summary", cut("[" + detail.path("cluster").asText() + "] " + detail.path("summary").asText(), 1024));
            p.put("source", "slurmops/" + detail.path("cluster").asText());
            p.put("severity", detail.path("severity").asText().equals("critical") ? "critical" : "warning");
            p.put("component", detail.path("subject").asText());
            p.put("group", detail.path("check").asText());
            p.put("class", detail.path("diagnosis").asText());
            p.set("custom_details", detail);
            e.put("client", "slurmops");
        }
        return e;
    }

    /** PagerDuty's {"status":"invalid event","message":…,"errors":[…]}, shortened for the log and the row. */
    private static String errors(String body) {
        try {
            JsonNode n = PageDetail.JSON.readTree(body);
            StringBuilder out = new StringBuilder(n.path("message").asText(n.path("status").asText("")));
            n.path("errors").forEach(err -> out.append("; ").append(err.asText()));
            return cut(out.toString(), 400);
        } catch (IOException | RuntimeException e) {
            return cut(body, 200);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
