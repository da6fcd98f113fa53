package io.slurmops.bot.config;

import io.slurmops.commands.reply.Status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code escalation:} — how long an incident may stay unacknowledged per severity, and what happens
 * then: escalation levels (the runbook's L1 → L2 → L3 → vendor path), each some time after the
 * deadline, each with targets (a people group mentioned in chat, a PagerDuty service, a signed webhook).
 *
 * @param acknowledgeWithin severities that must be acknowledged, and within how long; others never escalate
 * @param mentions          how a people group ({@code groups:}) is mentioned per platform ("slack" → user group
 *                          id, "discord" → role id); a group without one is mentioned member by member
 * @param check             how often deadlines are checked and the outbox is sent
 * @param retryFirst        the first wait after a failed page; it doubles up to {@code retryMax}
 */
public record EscalationConfig(boolean enabled, Map<Status, Duration> acknowledgeWithin, List<Level> levels,
                               Map<String, Map<String, String>> mentions, String pagerDutyUrl,
                               Map<String, Secret> pagerDutyServices, Map<String, Webhook> webhooks,
                               Duration check, Duration retryFirst, Duration retryMax) {

    public static final String PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";

    public EscalationConfig {
        acknowledgeWithin = Map.copyOf(acknowledgeWithin);
        levels = List.copyOf(levels);
        mentions = Map.copyOf(mentions);
        pagerDutyServices = Map.copyOf(pagerDutyServices);
        webhooks = Map.copyOf(webhooks);
    }

    public static EscalationConfig defaults() {
        return new EscalationConfig(false, Map.of(), List.of(), Map.of(), PAGERDUTY_URL, Map.of(), Map.of(),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMinutes(10));
    }

    /** One step of the path: {@code after} the acknowledgement deadline passed, notify {@code targets}. */
    public record Level(String name, Duration after, List<Target> targets) {
        public Level {
            targets = List.copyOf(targets);
        }
    }

    /** Who a level notifies, written {@code group:NAME}, {@code pagerduty:SERVICE} or {@code webhook:NAME}. */
    public record Target(Kind kind, String name) {

        public enum Kind { GROUP, PAGERDUTY, WEBHOOK }

        /** The form the configuration uses, also the outbox's target column. */
        public String text() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** A generic JSON webhook, signed with HMAC-SHA256 under {@code secret}. */
    public record Webhook(String url, Secret secret) {
    }

    /** A key given inline (usually {@code ${ENV}}) or in a file read when used. Never printed. */
    public record Secret(String value, String file) {

        public String read() {
            if (!value.isEmpty()) {
                return value;
            }
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the key file " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return value.isEmpty() ? "Secret[file=" + file + "]" : "Secret[***]";
        }
    }
}
