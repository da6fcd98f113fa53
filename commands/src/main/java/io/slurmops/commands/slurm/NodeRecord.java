package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as {@code sinfo -h -o '%N|%T|%u|%H|%E'} prints it: one line per group of nodes with the same
 * partition, state and reason, the group as a host list. Not {@code -N}: on 10 004 nodes sinfo takes
 * 1.1-1.3 s to print a line per node and 0.08 s to print the groups. The reason comes last because it
 * is free text and may itself hold the delimiter.
 */
public record NodeRecord(String name, NodeState state, String reason, String reasonUser, String reasonTime) {

    /** The sinfo arguments whose output {@link #parseSinfo} reads. */
    public static final List<String> SINFO_ARGS = List.of("sinfo", "-h", "-o", "%N|%T|%u|%H|%E");

    /** Every node once (a node in several partitions is printed once per partition), in host-list order. */
    public static List<NodeRecord> parseSinfo(String output) {
        Map<String, NodeRecord> byName = new HashMap<>();
        List<String> last = null;                             // the nodes the previous line added
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", 5);
            if (f.length < 5 && last != null) {
                // A reason set with a newline goes on over the next lines (real: scontrol update Reason=$'a\nb').
                for (String name : last) {
                    NodeRecord prev = byName.get(name);
                    byName.put(name, new NodeRecord(prev.name(), prev.state(), prev.reason() + "\n" + line.strip(),
                            prev.reasonUser(), prev.reasonTime()));
                }
                continue;
            }
            if (f.length < 5) {
                throw new IllegalArgumentException("unexpected sinfo line: " + line);
            }
            String reason = "none".equals(f[4].strip()) ? "" : f[4].strip();
            String user = "Unknown".equals(f[2].strip()) ? "" : f[2].strip();
            String time = "Unknown".equals(f[3].strip()) ? "" : f[3].strip();
            NodeState state = NodeState.parse(f[1]);
            last = new ArrayList<>();
            for (String name : SinfoNames.expand(f[0].strip())) {
                if (!byName.containsKey(name)) {
                    byName.put(name, new NodeRecord(name, state, reason, user, time));
                    last.add(name);
                }
            }
        }
        List<NodeRecord> out = new ArrayList<>(byName.size());
        SinfoNames.inOrder(byName.keySet()).forEach(n -> out.add(byName.get(n)));
        return out;
    }

    public boolean hasReason() {
        return !reason.isEmpty();
    }

    /** "x (root, 2026-11-25T22:40:01)" — the reason with who set it and when. */
    public String reasonWithOrigin() {
        if (!hasReason()) {
            return "";
        }
        String origin = String.join(", ", List.of(reasonUser, reasonTime).stream().filter(s -> !s.isBlank()).toList());
        return origin.isEmpty() ? reason : reason + " (" + origin + ")";
    }
}
