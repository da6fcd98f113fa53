package io.slurmops.commands.slurm;

import java.util.Map;
import java.util.TreeMap;

/** Jobs by state from {@code squeue -h -o %T}: RUNNING, PENDING, COMPLETING … */
public record JobCounts(Map<String, Integer> byState) {

    public static final java.util.List<String> SQUEUE_ARGS = java.util.List.of("squeue", "-h", "-o", "%T");

    public JobCounts {
        byState = Map.copyOf(byState);
    }

    public static JobCounts parse(String output) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : output.split("\n")) {
            String s = line.strip();
            if (!s.isEmpty()) {
                counts.merge(s, 1, Integer::sum);
            }
        }
        return new JobCounts(counts);
    }

    public int count(String state) {
        return byState.getOrDefault(state, 0);
    }
}
