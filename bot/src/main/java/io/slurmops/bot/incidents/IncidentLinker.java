package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.DeclaredIncidentRow;
import io.slurmops.adapters.store.DeclaredIncidentTable;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.commands.hostlist.Hostlist;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule that decides what a declared incident gathers, applied as link rows (idempotent: a row is
 * linked once, with the reason it was first linked for). Inside the window (declaration or first
 * alert → resolution or now):
 * <ul>
 *   <li>alerts: those declared from ({@code --alert N}) and any alert that opened during the window;</li>
 *   <li>change requests: made in the incident's channel, or naming one of its nodes (the subjects of
 *       its node alerts), or an alert's suggested fix;</li>
 *   <li>runbook runs: started during the window (a run records no channel, so time is the rule).</li>
 * </ul>
 */
final class IncidentLinker {

    static final String ALERT = "ALERT";
    static final String REQUEST = "REQUEST";
    static final String RUNBOOK = "RUNBOOK";
    private static final Pattern HOSTISH = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*(\\[[0-9,\\-]+])?[A-Za-z0-9_.\\-]*"
            + "(,[A-Za-z][A-Za-z0-9_.\\-]*(\\[[0-9,\\-]+])?)*");

    private IncidentLinker() {
    }

    static void link(DeclaredIncidentTable t, DeclaredIncidentRow row, List<Incident> alertsAround, Instant now)
            throws SQLException {
        Instant end = row.resolvedAt() != null ? row.resolvedAt() : now;
        Set<Long> linkedAlerts = new HashSet<>();
        t.links(row.id()).stream().filter(l -> l.kind().equals(ALERT)).forEach(l -> linkedAlerts.add(l.refId()));
        for (Incident a : alertsAround) {
            if (!a.openedAt().isBefore(row.declaredAt()) && a.openedAt().isBefore(end)
                    && t.link(row.id(), ALERT, a.id(), "opened during the incident", now)) {
                linkedAlerts.add(a.id());
            }
        }
        List<Incident> alerts = alertsAround.stream().filter(a -> linkedAlerts.contains(a.id())).toList();
        Instant start = alerts.stream().map(Incident::openedAt).filter(o -> o.isBefore(row.declaredAt()))
                .min(Instant::compareTo).orElse(row.declaredAt());
        Set<String> nodes = new HashSet<>();
        alerts.stream().filter(a -> a.probe().equals("nodes")).forEach(a -> nodes.add(a.subject()));
        Set<String> fixes = new HashSet<>();
        alerts.stream().filter(a -> a.requestId() != null).forEach(a -> fixes.add(a.requestId()));
        for (RequestRecord r : t.requestsBetween(start, end.plusMillis(1))) {
            String why = fixes.contains(Long.toString(r.id())) ? "an alert's suggested fix"
                    : r.platform().equals(row.platform()) && r.channelId().equals(row.channelId())
                    ? "made in the incident's channel"
                    : namesAny(r.line(), nodes) ? "names the incident's nodes" : null;
            if (why != null) {
                t.link(row.id(), REQUEST, r.id(), why, now);
            }
        }
        for (Long run : t.runbookRunsBetween(start, end.plusMillis(1)).keySet()) {
            t.link(row.id(), RUNBOOK, run, "started during the incident", now);
        }
    }

    /** True when a word of the command line, read as a hostlist, contains one of {@code nodes}. */
    static boolean namesAny(String line, Set<String> nodes) {
        if (nodes.isEmpty()) {
            return false;
        }
        for (String word : line.split("\\s+")) {
            String w = word.toLowerCase(Locale.ROOT);
            if (!HOSTISH.matcher(w).matches()) {
                continue;
            }
            try {
                if (Hostlist.parse(w, 100_000).hosts().stream().anyMatch(nodes::contains)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not a hostlist: an ordinary word of the command
            }
        }
        return false;
    }
}
