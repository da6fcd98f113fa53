package io.slurmops.bot.alerts.alertmanager;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Alertmanager webhook notification (payload version 4): a group of alerts, each firing or
 * resolved, each with a stable fingerprint. Only what the bot uses is kept; unknown fields are ignored.
 */
record Notification(String groupKey, List<Alert> alerts) {

    record Alert(boolean firing, String fingerprint, Map<String, String> labels, Map<String, String> annotations) {
    }

    /** Why a body is not a notification; the message goes back to the sender and into one log line. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Alertmanager's fingerprints are 16 hex digits; allow some room, nothing that could mean more. */
    private static final String FINGERPRINT = "[A-Za-z0-9]{1,64}";

    static Notification parse(byte[] body) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new Malformed("unreadable body");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("expected a JSON object");
        }
        if (!"4".equals(text(root, "version"))) {
            throw new Malformed("version must be \"4\" (Alertmanager webhook payload v4)");
        }
        String groupKey = text(root, "groupKey");
        if (groupKey == null || groupKey.isEmpty()) {
            throw new Malformed("groupKey is missing");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new Malformed("alerts must be a list");
        }
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode a = alerts.get(i);
            if (!a.isObject()) {
                throw new Malformed("alerts[" + i + "] must be an object");
            }
            String status = text(a, "status");
            if (!"firing".equals(status) && !"resolved".equals(status)) {
                throw new Malformed("alerts[" + i + "].status must be firing or resolved");
            }
            String fingerprint = text(a, "fingerprint");
            if (fingerprint == null || !fingerprint.matches(FINGERPRINT)) {
                throw new Malformed("alerts[" + i + "].fingerprint must be letters and digits");
            }
            out.add(new Alert("firing".equals(status), fingerprint, strings(a, "labels", i),
                    strings(a, "annotations", i)));
        }
        return new Notification(groupKey, List.copyOf(out));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static Map<String, String> strings(JsonNode alert, String field, int i) throws Malformed {
        JsonNode m = alert.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (m == null || m.isNull()) {
            return out;
        }
        if (!m.isObject()) {
            throw new Malformed("alerts[" + i + "]." + field + " must be an object of strings");
        }
        var fields = m.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().isTextual()) {
                throw new Malformed("alerts[" + i + "]." + field + "." + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
