package io.slurmops.bot.alerts;

import io.slurmops.commands.alerts.NodeStorms;
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

    /**
     * One condition reported present by a source that says so explicitly (an Alertmanager "firing"):
     * opens, changes or reopens its incident; a repeat of the same state is no event.
     */
    public synchronized Optional<AlertEvent> fired(Observation o, Instant now) {
        return observed(o, now);
    }

    /** A condition reported gone by a source that says so explicitly: recovered at once, no polls to wait. */
    public synchronized Optional<AlertEvent> cleared(String key, Instant now) {
        Optional<Incident> latest = store.latest(key);
        if (latest.isEmpty() || !latest.get().isOpen()) {
            return Optional.empty();
        }
        Incident resolved = latest.get().resolved(now);
        store.save(resolved);
        return Optional.of(new AlertEvent(AlertEvent.Kind.RESOLVED, resolved));
    }

    private Optional<AlertEvent> observed(Observation o, Instant now) {
        Optional<Incident> latest = store.latest(o.key());
        if (latest.isPresent() && latest.get().isOpen()) {
            Incident before = latest.get();
            Incident after = before.seen(o, now);
            store.save(after);
            // a new diagnosis is news too: "slurmctld down" that turns out to be an unreadable state file
            // ... and so is a storm that grew: more nodes went bad while it was open
            if (after.severity() != before.severity() || !after.diagnosisId().equals(before.diagnosisId())
                    || NodeStorms.members(after.summary()) > NodeStorms.members(before.summary())) {
                return Optional.of(new AlertEvent(AlertEvent.Kind.CHANGED, after));
            }
            return Optional.empty();
        }
        if (latest.isPresent() && latest.get().resolvedAt().plus(flapWindow).isAfter(now)) {
            Incident after = latest.get().reopened(o, now);
            store.save(after);
            return Optional.of(new AlertEvent(AlertEvent.Kind.RECURRED, after));
        }
        Incident opened = Incident.open(store.nextIncidentId(), o, now);
        store.save(opened);
        return Optional.of(new AlertEvent(AlertEvent.Kind.OPENED, opened));
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
            observed(o, now).ifPresent(events::add);
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
