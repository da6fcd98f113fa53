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
    /** The first outcome as the host said it, shown where a group has one host. */
    private final Map<String, String> asSaid = new java.util.HashMap<>();

    /**
     * Adds {@code host} under {@code outcome}. An outcome that names the host itself (or one of its
     * {@code aliases}, e.g. its address) — "no route to sim00001:22" — would make a group of one per
     * host; the name is replaced by {@value #THE_HOST} so that ten thousand such hosts fold into one line.
     */
    public HostFolds add(String outcome, String host, String... aliases) {
        String key = neutral(outcome, host);
        for (String alias : aliases) {
            key = neutral(key, alias);
        }
        // "connect to sim06612 (10.250.27.112) port 6818": the address a tool resolved the name to
        key = RESOLVED.matcher(key).replaceAll(THE_HOST);
        byOutcome.computeIfAbsent(key, k -> new ArrayList<>()).add(host);
        asSaid.putIfAbsent(key, outcome);
        return this;
    }

    private static final java.util.regex.Pattern RESOLVED = java.util.regex.Pattern.compile(
            "HOST \\((?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)\\)");

    /** What stands for the host's own name or address in a folded outcome. */
    public static final String THE_HOST = "HOST";

    private static String neutral(String outcome, String name) {
        if (name == null || name.isEmpty() || !outcome.contains(name)) {
            return outcome;
        }
        return outcome.replaceAll("(?<![\\w.-])" + java.util.regex.Pattern.quote(name) + "(?![\\w-]|\\.\\w)",
                java.util.regex.Matcher.quoteReplacement(THE_HOST));
    }

    /**
     * Outcome → hosts, largest group first (ties keep the order of first appearance). A group of one
     * host keeps the outcome as that host said it (its own name, its address).
     */
    public List<Map.Entry<String, List<String>>> groups() {
        List<Map.Entry<String, List<String>>> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byOutcome.entrySet()) {
            out.add(Map.entry(e.getValue().size() == 1 ? asSaid.get(e.getKey()) : e.getKey(), e.getValue()));
        }
        out.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
        return out;
    }

    public List<String> hosts(String outcome) {
        List<String> hosts = byOutcome.get(outcome);
        if (hosts == null) {
            // a group of one is named as its host said it
            for (Map.Entry<String, String> e : asSaid.entrySet()) {
                if (e.getValue().equals(outcome) && byOutcome.get(e.getKey()).size() == 1) {
                    return byOutcome.get(e.getKey());
                }
            }
            return List.of();
        }
        return hosts;
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
