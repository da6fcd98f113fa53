package io.slurmops.bot.alerts;

import io.slurmops.commands.alerts.NodeSymptoms;
import io.slurmops.commands.alerts.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What goes into an incident's thread besides its transitions: the triage findings of the probe that
 * saw it (posted right after the alert, and again when they change), and the symptoms other checks
 * noted about the incident's node (a config or clock check that could not read it) — each once per
 * incident, kept in memory as the incident's record of them.
 */
final class TriageThread {

    private static final Logger LOG = LoggerFactory.getLogger(TriageThread.class);
    static final String NODE_PROBE = "nodes";

    private final AlertPoster poster;
    private final AlertStore store;
    private volatile NodeSymptoms symptoms;
    /** key → the triage lines of its latest observation. */
    private final Map<String, List<String>> latest = new HashMap<>();
    /** incident id → the triage lines last posted in its thread. */
    private final Map<Long, List<String>> posted = new HashMap<>();
    /** incident id → the symptoms attached to it, in order. */
    private final Map<Long, List<NodeSymptoms.Symptom>> attached = new HashMap<>();
    private final Set<String> delivered = new HashSet<>();

    TriageThread(AlertPoster poster, AlertStore store) {
        this.poster = poster;
        this.store = store;
    }

    void symptomsFrom(NodeSymptoms source) {
        this.symptoms = source;
    }

    synchronized void seen(List<Observation> observations) {
        for (Observation o : observations) {
            if (!o.triage().isEmpty()) {
                latest.put(o.key(), o.triage());
            }
        }
    }

    /** After the incident's message (or an update) was posted: its triage, when there is news. */
    synchronized void posted(Incident i) {
        if (i.messageId() == null) {
            return;
        }
        List<String> lines = latest.get(i.key());
        if (lines == null || lines.isEmpty() || lines.equals(posted.get(i.id()))) {
            return;
        }
        poster.triage(i, lines);
        posted.put(i.id(), lines);
    }

    synchronized void resolved(Incident i) {
        posted.remove(i.id());
        latest.remove(i.key());
    }

    /** Symptoms whose node has a posted, open incident go into its thread (once per incident and check). */
    synchronized void deliverSymptoms() {
        NodeSymptoms source = symptoms;
        if (source == null) {
            return;
        }
        for (NodeSymptoms.Symptom s : source.current()) {
            Optional<Incident> open = store.latest(NODE_PROBE + ":" + s.node()).filter(Incident::isOpen)
                    .filter(i -> i.messageId() != null);
            if (open.isEmpty() || !delivered.add(open.get().id() + "|" + s.check())) {
                continue;
            }
            Incident i = open.get();
            poster.symptom(i, s.line());
            attached.computeIfAbsent(i.id(), k -> new ArrayList<>()).add(s);
            LOG.info("incident #{}: {}", i.id(), s.line());
        }
    }

    synchronized List<NodeSymptoms.Symptom> attachedTo(long incidentId) {
        return List.copyOf(attached.getOrDefault(incidentId, List.of()));
    }
}
