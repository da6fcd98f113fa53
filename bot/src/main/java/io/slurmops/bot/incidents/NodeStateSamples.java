package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.commands.slurm.NodeRecord;
import io.slurmops.commands.slurm.NodeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node counts by state, recorded at every node poll of the health watch (the same {@code sinfo} it
 * already reads), so an incident's chart shows what the cluster really looked like, minute by minute.
 * Recording beats reconstructing afterwards: {@code sinfo --list-reasons} only knows the present, and
 * sacct knows jobs, not node states. Samples older than the retention are pruned once an hour.
 */
public final class NodeStateSamples {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStateSamples.class);

    /** The chart's series, in drawing order. "out" = drained or down: the nodes lost to the incident. */
    public static final List<String> CATEGORIES = List.of("idle", "allocated", "drained", "down", "other");
    private static final Set<String> OUT = Set.of("drained", "down");

    private final SlurmopsStore store;
    private final Duration retention;
    private volatile Instant lastPrune = Instant.EPOCH;

    public NodeStateSamples(SlurmopsStore store, Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    /** The state category of one node, as the chart groups them. */
    static String category(NodeState s) {
        if (s.isDown() || s.base().startsWith("fail") || s.notResponding()) {
            return "down";
        }
        if (s.isDrain()) {
            return "drained";
        }
        if (s.base().equals("idle")) {
            return "idle";
        }
        if (s.base().startsWith("alloc") || s.base().startsWith("mix") || s.base().startsWith("comp")) {
            return "allocated";
        }
        return "other";
    }

    /** Counts by category; a node in several partitions (sinfo lists it once per partition it is in) counts once. */
    static Map<String, Integer> counts(List<NodeRecord> nodes) {
        Map<String, Integer> out = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> out.put(c, 0));
        Set<String> seen = new HashSet<>();
        for (NodeRecord n : nodes) {
            // FUTURE nodes are slurm.conf lines without a machine yet (the lab's sim[…]): not capacity.
            if (n.state().base().startsWith("futur")) {
                continue;
            }
            if (seen.add(n.name())) {
                out.merge(category(n.state()), 1, Integer::sum);
            }
        }
        return out;
    }

    /** The NodeProbe's sink: never throws (a store hiccup costs one sample, not the watch). */
    public void record(Instant at, List<NodeRecord> nodes) {
        try {
            store.transaction(tx -> {
                tx.declaredIncidents().recordNodeStates(at, counts(nodes));
                if (Duration.between(lastPrune, at).toHours() >= 1) {
                    tx.declaredIncidents().forgetNodeStatesBefore(at.minus(retention));
                }
                return null;
            });
            if (Duration.between(lastPrune, at).toHours() >= 1) {
                lastPrune = at;
            }
        } catch (RuntimeException e) {
            LOG.warn("node-state sample at {} not recorded: {}", at, e.getMessage());
        }
    }

    /** Samples in [from, to], oldest first. */
    public Map<Instant, Map<String, Integer>> between(Instant from, Instant to) {
        return store.transaction(tx -> tx.declaredIncidents().nodeStates(from, to));
    }

    /**
     * Node-minutes lost in [from, to]: each sample's drained + down nodes held until the next sample
     * (the last one until {@code to}). Without samples it is unknown, not zero.
     */
    public static java.util.OptionalDouble nodeMinutesLost(Map<Instant, Map<String, Integer>> samples, Instant from,
                                                           Instant to) {
        if (samples.isEmpty()) {
            return java.util.OptionalDouble.empty();
        }
        List<Instant> times = List.copyOf(samples.keySet());
        double minutes = 0;
        for (int i = 0; i < times.size(); i++) {
            Instant start = times.get(i).isBefore(from) ? from : times.get(i);
            Instant end = i + 1 < times.size() ? times.get(i + 1) : to;
            if (!end.isAfter(start)) {
                continue;
            }
            int out = samples.get(times.get(i)).entrySet().stream().filter(e -> OUT.contains(e.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
            minutes += out * Duration.between(start, end).toMillis() / 60_000.0;
        }
        return java.util.OptionalDouble.of(minutes);
    }
}
