package io.slurmops.commands.read;

import io.slurmops.commands.hostlist.Hostlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts folded by what was found on them ("active", "Invalid credential", an md5 sum), each group
 * under one compressed host list: the {@code clush -b} view, for outcomes the bot computed itself.
 */
public final class HostFolds {

    private final Map<String, List<String>> byOutcome = new LinkedHashMap<>();

    public HostFolds add(String outcome, String host) {
        byOutcome.computeIfAbsent(outcome, k -> new ArrayList<>()).add(host);
        return this;
    }

    /** Outcome → hosts, largest group first (ties keep the order of first appearance). */
    public List<Map.Entry<String, List<String>>> groups() {
        List<Map.Entry<String, List<String>>> out = new ArrayList<>(byOutcome.entrySet());
        out.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
        return out;
    }

    public List<String> hosts(String outcome) {
        return byOutcome.getOrDefault(outcome, List.of());
    }

    public boolean isEmpty() {
        return byOutcome.isEmpty();
    }

    /** "node[001,003-004] (3): active" — one line per outcome. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : groups()) {
            out.add(label(g.getValue()) + ": " + g.getKey());
        }
        return out;
    }

    static String label(List<String> hosts) {
        String list = Hostlist.compress(hosts);
        return hosts.size() > 1 ? list + " (" + hosts.size() + ")" : list;
    }
}
