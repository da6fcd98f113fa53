package io.slurmops.bot.alerts;

import io.slurmops.commands.alerts.Observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a probe sees now into transitions: one incident per fault, recovery only after the
 * fault stayed away for {@code recoveryPolls} polls, and a fault that returns within the flap window
 * reopens its incident instead of starting a new one.
 */
public final class IncidentTracker {

    private final AlertStore store;
    private final int recoveryPolls;
    private final Duration flapWindow;

    public IncidentTracker(AlertStore store, int recoveryPolls, Duration flapWindow) {
        if (recoveryPolls < 1) {
            throw new IllegalArgumentException("recoveryPolls must be at least 1");
        }
        this.store = store;
        this.recoveryPolls = recoveryPolls;
        this.flapWindow = flapWindow;
    }

    public synchronized List<AlertEvent> reconcile(String probe, List<Observation> observations, Instant now) {
        List<AlertEvent> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Observation o : observations) {
            if (!o.probe().equals(probe)) {
                throw new IllegalArgumentException("probe " + probe + " returned an observation of " + o.probe());
            }
            if (!seen.add(o.key())) {
                continue;
            }
            Optional<Incident> latest = store.latest(o.key());
            if (latest.isPresent() && latest.get().isOpen()) {
                Incident before = latest.get();
                Incident after = before.seen(o, now);
                store.save(after);
                // a new diagnosis is news too: "slurmctld down" that turns out to be an unreadable state file
                if (after.severity() != before.severity() || !after.diagnosisId().equals(before.diagnosisId())) {
                    events.add(new AlertEvent(AlertEvent.Kind.CHANGED, after));
                }
            } else if (latest.isPresent() && latest.get().resolvedAt().plus(flapWindow).isAfter(now)) {
                Incident after = latest.get().reopened(o, now);
                store.save(after);
                events.add(new AlertEvent(AlertEvent.Kind.RECURRED, after));
            } else {
                Incident opened = Incident.open(store.nextIncidentId(), o, now);
                store.save(opened);
                events.add(new AlertEvent(AlertEvent.Kind.OPENED, opened));
            }
        }
        for (Incident open : store.open()) {
            if (!open.probe().equals(probe) || seen.contains(open.key())) {
                continue;
            }
            Incident missed = open.missed();
            if (missed.missedPolls() >= recoveryPolls) {
                Incident resolved = missed.resolved(now);
                store.save(resolved);
                events.add(new AlertEvent(AlertEvent.Kind.RESOLVED, resolved));
            } else {
                store.save(missed);
            }
        }
        return events;
    }
}
