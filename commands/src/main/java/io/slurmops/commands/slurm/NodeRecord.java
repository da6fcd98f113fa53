package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as {@code sinfo -h -N -o '%N|%T|%u|%H|%E'} prints it. The reason comes last because it is
 * free text and may itself hold the delimiter.
 */
public record NodeRecord(String name, NodeState state, String reason, String reasonUser, String reasonTime) {

    /** The sinfo arguments whose output {@link #parseSinfo} reads. */
    public static final List<String> SINFO_ARGS = List.of("sinfo", "-h", "-N", "-o", "%N|%T|%u|%H|%E");

    public static List<NodeRecord> parseSinfo(String output) {
        Map<String, NodeRecord> byName = new LinkedHashMap<>();
        String lastName = null;
        boolean duplicate = false;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", 5);
            if (f.length < 5 && duplicate) {
                continue;
            }
            if (f.length < 5 && lastName != null) {
                // A reason set with a newline goes on over the next lines (real: scontrol update Reason=$'a\nb').
                NodeRecord prev = byName.get(lastName);
                byName.put(lastName, new NodeRecord(prev.name(), prev.state(), prev.reason() + "\n" + line.strip(),
                        prev.reasonUser(), prev.reasonTime()));
                continue;
            }
            if (f.length < 5) {
                throw new IllegalArgumentException("unexpected sinfo line: " + line);
            }
            lastName = f[0].strip();
            duplicate = byName.containsKey(lastName);
            String reason = "none".equals(f[4].strip()) ? "" : f[4].strip();
            String user = "Unknown".equals(f[2].strip()) ? "" : f[2].strip();
            String time = "Unknown".equals(f[3].strip()) ? "" : f[3].strip();
            // With -N a node in several partitions is printed once per partition: keep the first.
            byName.putIfAbsent(f[0].strip(), new NodeRecord(f[0].strip(), NodeState.parse(f[1]), reason, user, time));
        }
        return new ArrayList<>(byName.values());
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
