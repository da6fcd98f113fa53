package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.DeclaredIncidentRow;
import io.slurmops.adapters.store.DeclaredIncidentTable;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.VoteRecord;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.IncidentCommandConfig;
import io.slurmops.commands.catalog.UsageException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Declared incidents (INC-N): what the incident commands do to them, and the dossier a timeline,
 * postmortem or chart is made from. Every change is one store transaction with its timeline event.
 */
public final class DeclaredIncidentDesk {

    public static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4");
    /** How far back an alert may have opened and still be declared from or gathered. */
    static final Duration ALERT_LOOKBACK = Duration.ofDays(7);

    private final SlurmopsStore store;
    private final AlertStore alerts;
    private final Clock clock;
    private final IncidentCommandConfig config;
    private final NodeStateSamples samples;

    public DeclaredIncidentDesk(SlurmopsStore store, AlertStore alerts, Clock clock, IncidentCommandConfig config,
                                NodeStateSamples samples) {
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        this.config = config;
        this.samples = samples;
    }

    public Clock clock() {
        return clock;
    }

    public IncidentCommandConfig config() {
        return config;
    }

    public NodeStateSamples samples() {
        return samples;
    }

    /** Declares an incident, optionally from alert #{@code alertId}, which it then starts with. */
    public DeclaredIncidentRow declare(String severity, String title, Long alertId, String platform, String channelId,
                                       String by) throws UsageException {
        Instant now = clock.instant();
        Incident alert = null;
        if (alertId != null) {
            alert = alert(alertId, now).orElseThrow(() -> new UsageException("there is no alert #" + alertId
                    + " in the last 7 days; `alerts` lists them"));
        }
        Incident from = alert;
        long id = store.transaction(tx -> {
            DeclaredIncidentTable t = tx.declaredIncidents();
            long n = t.declare(severity, title, platform, channelId, by, now);
            t.addEvent(n, "DECLARE", by, severity + " " + title + (from == null ? "" : " (from alert #" + from.id()
                    + ")"), now);
            if (from != null) {
                t.link(n, IncidentLinker.ALERT, from.id(), "declared from this alert", now);
            }
            return n;
        });
        return find(id).orElseThrow();
    }

    public Optional<DeclaredIncidentRow> find(long id) {
        return store.transaction(tx -> tx.declaredIncidents().byId(id));
    }

    public List<DeclaredIncidentRow> open() {
        return store.transaction(tx -> tx.declaredIncidents().open(null, null));
    }

    public void announcedAs(long id, String messageId) {
        store.transaction(tx -> {
            tx.declaredIncidents().setMessage(id, messageId);
            return null;
        });
    }

    /**
     * The incident a command means: the one named, else the only open one in this channel. None or
     * several open here is a usage error that says what to do.
     */
    public DeclaredIncidentRow target(Long named, String platform, String channelId) throws UsageException {
        if (named != null) {
            return find(named).orElseThrow(() -> new UsageException("there is no " + IncidentIds.tag(named)
                    + "; `incident list` shows the open ones"));
        }
        List<DeclaredIncidentRow> here = store.transaction(tx -> tx.declaredIncidents().open(platform, channelId));
        if (here.isEmpty()) {
            throw new UsageException("no declared incident is open in this channel: declare one with "
                    + "`incident declare SEV TITLE`, or name one with --incident INC-N");
        }
        if (here.size() > 1) {
            throw new UsageException("several incidents are open in this channel ("
                    + here.stream().map(DeclaredIncidentRow::tag).collect(Collectors.joining(", "))
                    + "): say which with --incident INC-N");
        }
        return here.get(0);
    }

    public void lead(DeclaredIncidentRow row, String lead, String by) {
        record(row, "LEAD", by, lead, tx -> tx.declaredIncidents().setLead(row.id(), lead));
    }

    /** A status update: on the timeline, and it restarts the reminder cadence. */
    public void update(DeclaredIncidentRow row, String text, String by) {
        Instant now = clock.instant();
        record(row, "UPDATE", by, text, tx -> tx.declaredIncidents().updated(row.id(), now));
    }

    public void note(DeclaredIncidentRow row, String text, String by) {
        record(row, "NOTE", by, text, tx -> { });
    }

    /** False when it was already resolved (by someone else, or a redelivery). */
    public boolean resolve(DeclaredIncidentRow row, String by) {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            DeclaredIncidentTable t = tx.declaredIncidents();
            if (!t.resolve(row.id(), now)) {
                return false;
            }
            t.addEvent(row.id(), "RESOLVE", by, "resolved", now);
            return true;
        });
    }

    /** The reminder for an incident whose update is overdue; true for exactly one caller per cadence. */
    public boolean claimReminder(DeclaredIncidentRow row) {
        Instant now = clock.instant();
        Duration cadence = config.cadence(row.severity());
        return store.transaction(tx -> {
            DeclaredIncidentTable t = tx.declaredIncidents();
            if (!t.claimReminder(row.id(), now.minus(cadence), now)) {
                return false;
            }
            t.addEvent(row.id(), "REMINDER", "slurmops", "no status update for " + cadence.toMinutes() + " min",
                    now);
            return true;
        });
    }

    /** Applies the linking rule, then reads everything the incident gathered. */
    public IncidentDossier dossier(long id) throws UsageException {
        Instant now = clock.instant();
        DeclaredIncidentRow row = find(id).orElseThrow(() -> new UsageException("there is no " + IncidentIds.tag(id)));
        List<Incident> around = alerts.since(row.declaredAt().minus(ALERT_LOOKBACK));
        return store.transaction(tx -> {
            DeclaredIncidentTable t = tx.declaredIncidents();
            IncidentLinker.link(t, row, around, now);
            List<DeclaredIncidentTable.Link> links = t.links(id);
            Set<Long> alertIds = ids(links, IncidentLinker.ALERT);
            List<Incident> linkedAlerts = around.stream().filter(a -> alertIds.contains(a.id()))
                    .sorted(java.util.Comparator.comparing(Incident::openedAt)).toList();
            List<RequestRecord> requests = new java.util.ArrayList<>();
            Map<Long, List<VoteRecord>> votes = new HashMap<>();
            for (long r : ids(links, IncidentLinker.REQUEST)) {
                tx.request(r).ifPresent(requests::add);
                votes.put(r, tx.votes(r));
            }
            Map<Long, String> runs = new LinkedHashMap<>();
            for (long r : ids(links, IncidentLinker.RUNBOOK)) {
                tx.runbookRun(r).ifPresent(run -> runs.put(r, run.runbook() + " (" + run.state() + ")"));
            }
            Instant start = linkedAlerts.stream().map(Incident::openedAt).filter(o -> o.isBefore(row.declaredAt()))
                    .min(Instant::compareTo).orElse(row.declaredAt());
            return new IncidentDossier(row, t.events(id), links, linkedAlerts, requests, votes, runs, start,
                    row.resolvedAt() != null ? row.resolvedAt() : now);
        });
    }

    private Optional<Incident> alert(long id, Instant now) {
        return alerts.since(now.minus(ALERT_LOOKBACK)).stream().filter(a -> a.id() == id).findFirst();
    }

    private static Set<Long> ids(List<DeclaredIncidentTable.Link> links, String kind) {
        return links.stream().filter(l -> l.kind().equals(kind)).map(DeclaredIncidentTable.Link::refId)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    @FunctionalInterface
    private interface Change {
        void apply(io.slurmops.adapters.store.StoreTx tx) throws java.sql.SQLException;
    }

    private void record(DeclaredIncidentRow row, String kind, String by, String body, Change change) {
        Instant now = clock.instant();
        store.transaction(tx -> {
            change.apply(tx);
            tx.declaredIncidents().addEvent(row.id(), kind, by, body, now);
            return null;
        });
    }
}
