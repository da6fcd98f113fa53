package io.slurmops.bot.config;

import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and checks {@code escalation:} (see {@link EscalationConfig}); every problem names its key. */
final class EscalationLoader {

    private static final Set<String> PLATFORMS = Set.of("slack", "discord");

    private EscalationLoader() {
    }

    static EscalationConfig load(Node n, People people) {
        n.allowOnly(Set.of("enabled", "acknowledgeWithin", "levels", "mentions", "pagerduty", "webhooks", "check",
                "retry"));
        EscalationConfig d = EscalationConfig.defaults();
        boolean enabled = n.bool("enabled", false);
        Map<Status, Duration> deadlines = deadlines(n.child("acknowledgeWithin"));
        Map<String, Map<String, String>> mentions = mentions(n.child("mentions"), people);
        Node pd = n.child("pagerduty");
        pd.allowOnly(Set.of("url", "services"));
        String pdUrl = url(pd, "url", pd.string("url", EscalationConfig.PAGERDUTY_URL));
        Map<String, EscalationConfig.Secret> services = new LinkedHashMap<>();
        pd.child("services").children().forEach((name, s) -> {
            s.allowOnly(Set.of("routingKey", "routingKeyFile"));
            services.put(name, secret(s, "routingKey", "${SLURMOPS_PAGERDUTY_KEY}", enabled));
        });
        Map<String, EscalationConfig.Webhook> webhooks = new LinkedHashMap<>();
        n.child("webhooks").children().forEach((name, w) -> {
            w.allowOnly(Set.of("url", "secret", "secretFile"));
            String url = url(w, "url", w.requiredString("url", "the address to POST to, e.g. https://vendor.example/hook"));
            webhooks.put(name, new EscalationConfig.Webhook(url, secret(w, "secret", "${SLURMOPS_WEBHOOK_SECRET}", enabled)));
        });
        List<EscalationConfig.Level> levels = levels(n, people, services.keySet(), webhooks.keySet());
        if (enabled) {
            if (!deadlines.containsKey(Status.CRITICAL)) {
                n.problem("acknowledgeWithin", "give at least critical, e.g. {critical: 5m}: a CRITICAL incident must be "
                        + "acknowledged within it or it escalates");
            }
            if (levels.isEmpty()) {
                n.problem("levels", "give at least one level, e.g. [{name: L1, notify: [group:oncall]}]");
            }
        }
        Node retry = n.child("retry");
        retry.allowOnly(Set.of("first", "max"));
        Duration first = retry.duration("first", d.retryFirst());
        Duration max = retry.duration("max", d.retryMax());
        if (max.compareTo(first) < 0) {
            retry.problem("max", "must not be shorter than first (" + first + ")");
        }
        Duration check = n.duration("check", d.check());
        if (check.toMillis() < 100) {
            n.problem("check", "must be at least 100ms (15s is plenty: deadlines are minutes)");
        }
        return new EscalationConfig(enabled, deadlines, levels, mentions, pdUrl, services, webhooks, check, first, max);
    }

    private static Map<Status, Duration> deadlines(Node n) {
        Map<Status, Duration> out = new EnumMap<>(Status.class);
        for (String key : n.keys()) {
            Optional<Status> s = switch (key.toLowerCase(Locale.ROOT)) {
                case "critical" -> Optional.of(Status.CRITICAL);
                case "warning" -> Optional.of(Status.WARNING);
                default -> Optional.empty();
            };
            if (s.isEmpty()) {
                n.problem(key, "is not a severity; use critical or warning");
                continue;
            }
            out.put(s.get(), n.duration(key, Duration.ofMinutes(5)));
        }
        return out;
    }

    private static Map<String, Map<String, String>> mentions(Node n, People people) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        n.children().forEach((group, m) -> {
            if (!people.groups().containsKey(group)) {
                n.problem(group, "is not a group under groups:; mentions say how a people group is mentioned");
            }
            Map<String, String> ids = m.stringMap();
            ids.forEach((platform, id) -> {
                if (!PLATFORMS.contains(platform)) {
                    m.problem(platform, "is not slack or discord");
                } else if (!id.matches(platform.equals("slack") ? "S[A-Z0-9]+" : "[0-9]{5,25}")) {
                    m.problem(platform, "`" + id + "` is not a " + (platform.equals("slack")
                            ? "Slack user group id (S0123ABCD)" : "Discord role id (digits, quoted)"));
                }
            });
            out.put(group, ids);
        });
        return out;
    }

    private static List<EscalationConfig.Level> levels(Node n, People people, Set<String> services,
                                                       Set<String> webhooks) {
        List<EscalationConfig.Level> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Duration previous = Duration.ZERO;
        for (Node l : n.list("levels")) {
            l.allowOnly(Set.of("name", "after", "notify"));
            String name = l.requiredString("name", "a short name such as L1, L2, L3 or vendor");
            if (!name.isEmpty() && !names.add(name)) {
                l.problem("name", "`" + name + "` is used by an earlier level");
            }
            Duration after = l.present("after") ? l.duration("after", Duration.ZERO) : Duration.ZERO;
            if (after.compareTo(previous) < 0) {
                l.problem("after", "must not be earlier than the level before (" + previous + "): levels go in order");
            }
            previous = after;
            List<EscalationConfig.Target> targets = new ArrayList<>();
            for (String t : l.strings("notify", List.of())) {
                target(t, people, services, webhooks).ifPresentOrElse(targets::add, () -> l.problem("notify",
                        "`" + t + "` is not a target: write group:NAME (a group under groups:), pagerduty:SERVICE "
                                + "(under escalation.pagerduty.services) or webhook:NAME (under escalation.webhooks)"));
            }
            if (targets.isEmpty()) {
                l.problem("notify", "give at least one target, e.g. [group:oncall]");
            }
            out.add(new EscalationConfig.Level(name, after, targets));
        }
        return out;
    }

    private static Optional<EscalationConfig.Target> target(String text, People people, Set<String> services,
                                                            Set<String> webhooks) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String name = colon < 0 ? "" : text.substring(colon + 1);
        return switch (kind) {
            case "group" -> people.groups().containsKey(name)
                    ? Optional.of(new EscalationConfig.Target(EscalationConfig.Target.Kind.GROUP, name)) : Optional.empty();
            case "pagerduty" -> services.contains(name)
                    ? Optional.of(new EscalationConfig.Target(EscalationConfig.Target.Kind.PAGERDUTY, name)) : Optional.empty();
            case "webhook" -> webhooks.contains(name)
                    ? Optional.of(new EscalationConfig.Target(EscalationConfig.Target.Kind.WEBHOOK, name)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * Deny by default: a key is given exactly once, inline from the environment or in an absolute file
     * (checked when enabled, so an example with an unset variable still loads while switched off).
     */
    private static EscalationConfig.Secret secret(Node n, String key, String example, boolean enabled) {
        String value = n.string(key, "");
        String file = n.string(key + "File", "");
        if (enabled && value.isEmpty() == file.isEmpty()) {
            n.problem(key, "give exactly one of " + key + " (e.g. " + example + ") or " + key + "File");
        }
        if (!file.isEmpty() && !file.startsWith("/")) {
            n.problem(key + "File", "`" + file + "` must be an absolute path");
        }
        return new EscalationConfig.Secret(value, file);
    }

    private static String url(Node n, String key, String url) {
        if (!url.isEmpty() && !url.matches("https?://[^\\s]+")) {
            n.problem(key, "`" + url + "` is not an http(s) URL");
        }
        return url;
    }
}
