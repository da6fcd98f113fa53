package io.slurmops.commands.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a change will do, resolved before anyone approves and frozen: the steps (argv per host,
 * timeouts), the blast radius, notes for the approvers, and facts the command recorded to re-check
 * later. {@link #hash()} covers the steps exactly, so an approval is an approval of what runs.
 *
 * @param command the catalog name of the command that made the plan (it reports and re-checks it)
 * @param summary one line, e.g. "Drain node004: maintenance [alice #12]"
 * @param notes   what approvers should know: skipped nodes, warnings
 * @param facts   what the command saw and must still be true at execution (key → value)
 */
public record Plan(String command, String summary, List<Step> steps, BlastRadius blastRadius, List<String> notes,
                   Map<String, String> facts) {

    public Plan {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(summary, "summary");
        steps = List.copyOf(steps);
        blastRadius = blastRadius == null ? BlastRadius.NONE : blastRadius;
        notes = List.copyOf(notes);
        facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one step");
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.onController() && s.namesHosts() && s.hosts().isEmpty()) {
                throw new IllegalArgumentException("step " + (i + 1) + " names " + Step.HOSTS + " but has no hosts");
            }
            int dep = s.onlyWhereSucceeded();
            if (dep != 0 && dep > i) {
                throw new IllegalArgumentException("step " + (i + 1) + " depends on step " + dep
                        + ", which does not come before it");
            }
        }
    }

    /** SHA-256 (hex) of the canonical form of the steps. */
    public String hash() {
        return Sha256.hex(PlanCodec.canonicalSteps(steps));
    }

    public String fact(String key) {
        return facts.getOrDefault(key, "");
    }

    /** Every host any step acts on, controller included. */
    public List<String> allHosts() {
        java.util.TreeSet<String> hosts = new java.util.TreeSet<>();
        for (Step s : steps) {
            if (s.onController()) {
                hosts.add(s.via());
            } else {
                hosts.addAll(s.hosts());
            }
        }
        return List.copyOf(hosts);
    }
}
