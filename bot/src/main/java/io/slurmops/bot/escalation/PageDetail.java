package io.slurmops.bot.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.EscalationConfig;

import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * What an outbox row carries about its incident, frozen when the row is written (JSON), so a sender
 * on any instance builds the same page without the incident in memory. Keys never go in here.
 */
final class PageDetail {

    static final ObjectMapper JSON = new ObjectMapper();

    private PageDetail() {
    }

    static String of(Incident i, String cluster, EscalationConfig.Level level, Duration deadline) {
        ObjectNode n = JSON.createObjectNode();
        n.put("incident", i.id());
        n.put("key", i.key());
        n.put("cluster", cluster);
        n.put("severity", i.severity().name().toLowerCase(java.util.Locale.ROOT));
        n.put("summary", i.summary());
        n.put("subject", i.subject());
        n.put("check", i.probe());
        n.put("diagnosis", i.diagnosisId());
        n.put("openedAt", i.openedAt().toString());
        n.put("level", level.name());
        n.put("acknowledgeWithin", deadline.toString());
        if (i.message() != null) {
            n.put("platform", i.message().platform());
            n.put("channel", i.message().channelId());
            n.put("message", i.message().id());
        }
        return n.toString();
    }

    static JsonNode parse(String detail) {
        try {
            return JSON.readTree(detail);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PagerDuty's dedup key and the webhook's incident id: one per incident of this cluster. */
    static String dedupKey(JsonNode d) {
        return "slurmops/" + d.path("cluster").asText() + "/incident/" + d.path("incident").asLong();
    }
}
