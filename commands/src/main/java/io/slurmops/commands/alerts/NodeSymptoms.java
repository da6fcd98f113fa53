package io.slurmops.commands.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that could not read a node (config, clock, munge over an SSH that times out) are symptoms of
 * that node's fault, not faults of their own: they are noted here per node and check, and the health
 * watch puts each one in the node's incident thread once that incident exists — one fault, one
 * incident. A check that reads the node again clears its symptom. Memory only: a restart loses
 * nothing that the next poll does not say again.
 */
public final class NodeSymptoms {

    /** One check that could not read one node, and why. */
    public record Symptom(String node, String check, String why, Instant since) {
        public String line() {
            return check + " check: " + node + " unreadable (" + why + ") — a symptom of this incident, no alert of its own";
        }
    }

    private final Map<String, Symptom> pending = new LinkedHashMap<>();

    /**
     * What one run of {@code check} saw: the nodes it could not read (with why), among all it tried.
     * Nodes it read clear their symptom; a symptom already noted keeps its first time.
     */
    public synchronized void noted(String check, Map<String, String> unreadable, Collection<String> tried, Instant at) {
        for (String node : tried) {
            String key = node + "|" + check;
            String why = unreadable.get(node);
            if (why == null) {
                pending.remove(key);
            } else {
                pending.merge(key, new Symptom(node, check, why, at), (old, now) -> old);
            }
        }
    }

    /** The symptoms noted now, oldest first. */
    public synchronized List<Symptom> current() {
        return new ArrayList<>(pending.values());
    }
}
