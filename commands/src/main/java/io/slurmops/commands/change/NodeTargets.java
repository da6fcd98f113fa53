package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.NodeImpact;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resolves a HOSTLIST argument against the nodes Slurm knows, with their current state and reason. */
final class NodeTargets {

    private NodeTargets() {
    }

    /** The named nodes as sinfo sees them now, in host list order; unknown names are a usage error. */
    static List<NodeRecord> resolve(String hostlist, CommandContext ctx, String usage) throws UsageException {
        List<String> wanted;
        try {
            wanted = Hostlist.parse(hostlist).hosts();
        } catch (IllegalArgumentException e) {
            throw new UsageException("`" + hostlist + "` is not a valid host list: " + e.getMessage(), usage);
        }
        if (wanted.isEmpty()) {
            throw new UsageException("the host list is empty", usage);
        }
        Snapshot snap = current(ctx);
        if (snap.nodes() == null) {
            throw new PlanRefusedException("could not read node states from Slurm, so no plan can be made: "
                    + snap.problem());
        }
        Map<String, NodeRecord> now = snap.nodes();
        List<String> unknown = wanted.stream().filter(h -> !now.containsKey(h)).toList();
        if (!unknown.isEmpty()) {
            throw new UsageException("not nodes of this cluster: `" + Hostlist.compress(unknown) + "` (see `"
                    + ctx.prefix() + " nodes`)", usage);
        }
        return wanted.stream().map(now::get).toList();
    }

    /** Every node by name, or (nodes null) why sinfo could not tell. */
    record Snapshot(Map<String, NodeRecord> nodes, String problem) {
    }

    static Snapshot current(CommandContext ctx) {
        ExecResult r = ctx.cluster().slurm(NodeRecord.SINFO_ARGS);
        if (!r.ok()) {
            String out = r.combinedOutput().strip();
            return new Snapshot(null, "sinfo " + r.outcome() + (out.isEmpty() ? "" : ": " + out));
        }
        Map<String, NodeRecord> byName = new LinkedHashMap<>();
        NodeRecord.parseSinfo(r.stdout()).forEach(n -> byName.put(n.name(), n));
        return new Snapshot(byName, "");
    }

    static List<String> names(List<NodeRecord> nodes) {
        return nodes.stream().map(NodeRecord::name).toList();
    }

    static List<NodeImpact> impacts(List<NodeRecord> nodes) {
        return nodes.stream().map(n -> new NodeImpact(n.name(), n.state().display(), n.reasonWithOrigin())).toList();
    }

    /** "node[001-002] (drained: maintenance), node004 (idle)": nodes folded by state and reason. */
    static String describe(List<NodeRecord> nodes) {
        Map<String, List<String>> byState = new LinkedHashMap<>();
        for (NodeRecord n : nodes) {
            byState.computeIfAbsent(n.state().display() + (n.hasReason() ? ": " + n.reason() : ""),
                    k -> new ArrayList<>()).add(n.name());
        }
        List<String> parts = new ArrayList<>();
        byState.forEach((state, names) -> parts.add(Hostlist.compress(names) + " (" + state + ")"));
        return String.join(", ", parts);
    }

    /**
     * Re-reads the nodes a plan targets and returns why the plan no longer fits, using {@code fits}
     * to judge each node (empty = still fits).
     */
    static Optional<String> recheck(List<String> names, CommandContext ctx, java.util.function.Function<NodeRecord,
            Optional<String>> fits) {
        Snapshot now = current(ctx);
        if (now.nodes() == null) {
            return Optional.of("could not read node states from Slurm to re-check the plan: " + now.problem());
        }
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            NodeRecord n = now.nodes().get(name);
            if (n == null) {
                problems.add(name + " is no longer a node of this cluster");
            } else {
                fits.apply(n).ifPresent(problems::add);
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
