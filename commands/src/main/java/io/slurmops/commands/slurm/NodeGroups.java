package io.slurmops.commands.slurm;

import io.slurmops.commands.hostlist.Hostlist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nodes folded by (state, reason) under one host list, as an admin reads them. */
public final class NodeGroups {

    /** One fold: every node in {@code hosts} has this state and this reason. */
    public record Group(String state, String reason, String hosts, int count) {
    }

    private NodeGroups() {
    }

    public static List<Group> fold(List<NodeRecord> nodes) {
        Map<List<String>, List<String>> byKey = new LinkedHashMap<>();
        for (NodeRecord n : nodes) {
            byKey.computeIfAbsent(List.of(n.state().display(), n.reasonWithOrigin()), k -> new ArrayList<>())
                    .add(n.name());
        }
        List<Group> groups = new ArrayList<>();
        byKey.forEach((key, names) -> groups.add(new Group(key.get(0), key.get(1), Hostlist.compress(names),
                names.size())));
        groups.sort(Comparator.comparing(Group::state).thenComparing(Group::reason));
        return groups;
    }

    /** A fixed-width table: STATE, COUNT, NODES, REASON. */
    public static String table(List<Group> groups) {
        int stateW = Math.max(5, groups.stream().mapToInt(g -> g.state().length()).max().orElse(0));
        int hostsW = Math.max(5, groups.stream().mapToInt(g -> g.hosts().length()).max().orElse(0));
        StringBuilder b = new StringBuilder();
        b.append(pad("STATE", stateW)).append("  ").append(pad("COUNT", 5)).append("  ").append(pad("NODES", hostsW))
                .append("  REASON\n");
        for (Group g : groups) {
            b.append(pad(g.state(), stateW)).append("  ").append(pad(Integer.toString(g.count()), 5)).append("  ")
                    .append(pad(g.hosts(), hostsW)).append("  ").append(g.reason()).append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
