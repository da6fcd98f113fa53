package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.DeclaredIncidentRow;
import io.slurmops.adapters.store.DeclaredIncidentTable;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.VoteRecord;
import io.slurmops.bot.alerts.Incident;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a declared incident gathered, read in one go: what people wrote on it, its linked alerts,
 * change requests with their votes, and runbook runs; and the window it spans. Timelines, postmortems
 * and charts are all made from this one value.
 *
 * @param windowStart the earliest of the declaration and its alerts' detection
 * @param windowEnd   the resolution, or now while it is open
 */
public record IncidentDossier(DeclaredIncidentRow incident, List<DeclaredIncidentTable.Event> events,
                              List<DeclaredIncidentTable.Link> links, List<Incident> alerts,
                              List<RequestRecord> requests, Map<Long, List<VoteRecord>> votes,
                              Map<Long, String> runbookRuns, Instant windowStart, Instant windowEnd) {

    private static final Set<RequestState> NOT_APPROVED = Set.of(RequestState.DENIED, RequestState.EXPIRED,
            RequestState.CANCELLED, RequestState.REJECTED, RequestState.PENDING, RequestState.PLANNING);

    public IncidentDossier {
        events = List.copyOf(events);
        links = List.copyOf(links);
        alerts = List.copyOf(alerts);
        requests = List.copyOf(requests);
        votes = Map.copyOf(votes);
        runbookRuns = Map.copyOf(runbookRuns);
    }

    /** Detection: the first linked alert, else the declaration (a person noticed first). */
    public Instant detectedAt() {
        return alerts.stream().map(Incident::openedAt).min(Comparator.naturalOrder())
                .orElse(incident.declaredAt());
    }

    /** The first acknowledgement of a linked alert, else the declaration itself (declaring acknowledges). */
    public Instant acknowledgedAt() {
        Instant ack = alerts.stream().map(Acknowledgements::of).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        return ack != null && ack.isBefore(incident.declaredAt()) ? ack : incident.declaredAt();
    }

    /** The first approval of a linked change, null when none was approved. */
    public Instant approvedAt() {
        return requests.stream().filter(r -> r.decidedAt() != null && !NOT_APPROVED.contains(r.state()))
                .map(RequestRecord::decidedAt).min(Comparator.naturalOrder()).orElse(null);
    }

    /** Recovery: the last linked alert's recovery once all have recovered, else the resolution. */
    public Instant recoveredAt() {
        if (!alerts.isEmpty() && alerts.stream().noneMatch(Incident::isOpen)) {
            return alerts.stream().map(Incident::resolvedAt).max(Comparator.naturalOrder()).orElseThrow();
        }
        return incident.resolvedAt();
    }

    /** The probe of the first alert: which RTO row the incident is measured against. */
    public String probe() {
        return alerts.stream().min(Comparator.comparing(Incident::openedAt)).map(Incident::probe).orElse("");
    }
}
