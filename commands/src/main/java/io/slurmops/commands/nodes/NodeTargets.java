package io.slurmops.commands.nodes;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.NodeImpact;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The nodes a command works on, checked against the nodes Slurm knows. The binder has already
 * checked the host list's syntax; this asks sinfo whether the names are nodes. Checks take every
 * node when none are named and still run when sinfo fails (that is when they are needed); changes
 * need node states to plan, so they refuse when sinfo fails.
 *
 * @param hosts the nodes, in host-list order
 * @param note  what people should know about how they were chosen ("sinfo failed …"), empty if nothing
 */
public record NodeTargets(List<String> hosts, String note) {

    /** Slurm's word for every node ({@code NodeName=ALL}); typed as a host list it means the whole cluster. */
    public static final String ALL = "ALL";

    /** Every node name sinfo prints, once. */
    public static final List<String> SINFO_NAMES = List.of("sinfo", "-h", "-o", "%N");

    public NodeTargets {
        hosts = List.copyOf(hosts);
        note = note == null ? "" : note;
    }

    /** The cluster's nodes; empty with a note when the controller cannot say. */
    public static NodeTargets all(CommandContext ctx) {
        ExecResult r = ctx.cluster().slurm(SINFO_NAMES);
        if (!r.ok()) {
            return new NodeTargets(List.of(), "cannot list the nodes (sinfo " + r.outcome() + "); give a HOSTLIST");
        }
        return new NodeTargets(names(r.stdout()), "");
    }

    /**
     * The nodes of {@code wanted}, or all nodes when absent. A name that is not a node (not in sinfo) is
     * a usage error. When sinfo itself fails (controller down), the list is used as given, with a note.
     */
    public static NodeTargets resolve(CommandContext ctx, Optional<Hostlist> wanted, String usage)
            throws UsageException {
        if (wanted.isEmpty() || namesAll(wanted.get())) {
            return all(ctx);
        }
        ExecResult r = ctx.cluster().slurm(SINFO_NAMES);
        if (!r.ok()) {
            return new NodeTargets(wanted.get().hosts(), "node names not checked: sinfo " + r.outcome());
        }
        requireKnown(wanted.get().hosts(), new LinkedHashSet<>(names(r.stdout())), ctx, usage);
        return new NodeTargets(wanted.get().hosts(), "");
    }

    /** A usage error unless {@code host} is a node sinfo knows (or sinfo cannot tell). */
    public static void requireNode(CommandContext ctx, String host, String usage) throws UsageException {
        resolve(ctx, Optional.of(Hostlist.of(List.of(host))), usage);
    }

    /** The named nodes as sinfo sees them now, in host list order; unknown names are a usage error. */
    public static List<NodeRecord> records(CommandContext ctx, Hostlist wanted, String usage) throws UsageException {
        Snapshot snap = Snapshot.now(ctx);
        if (snap.nodes() == null) {
            throw new PlanRefusedException("could not read node states from Slurm, so no plan can be made: "
                    + snap.problem());
        }
        if (namesAll(wanted)) {
            return List.copyOf(snap.nodes().values());
        }
        requireKnown(wanted.hosts(), snap.nodes().keySet(), ctx, usage);
        return wanted.hosts().stream().map(snap.nodes()::get).toList();
    }

    /** True when the host list is the single word ALL (any case), as in {@code scontrol update NodeName=ALL}. */
    public static boolean namesAll(Hostlist wanted) {
        return wanted.size() == 1 && wanted.hosts().get(0).equalsIgnoreCase(ALL);
    }

    private static void requireKnown(List<String> wanted, Set<String> known, CommandContext ctx, String usage)
            throws UsageException {
        List<String> unknown = wanted.stream().filter(h -> !known.contains(h)).toList();
        if (!unknown.isEmpty()) {
            throw new UsageException((unknown.size() == 1 ? "not a node" : "not nodes") + " of this cluster: `"
                    + Hostlist.compress(unknown) + "` (see `" + ctx.prefix() + " nodes`)", usage);
        }
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }

    public String compressed() {
        return hosts.isEmpty() ? "" : Hostlist.compress(hosts);
    }

    /** Every node by name, or (nodes null) why sinfo could not tell. */
    public record Snapshot(Map<String, NodeRecord> nodes, String problem) {

        public static Snapshot now(CommandContext ctx) {
            ExecResult r = ctx.cluster().slurm(NodeRecord.SINFO_ARGS);
            if (!r.ok()) {
                String out = r.combinedOutput().strip();
                return new Snapshot(null, "sinfo " + r.outcome() + (out.isEmpty() ? "" : ": " + out));
            }
            Map<String, NodeRecord> byName = new LinkedHashMap<>();
            NodeRecord.parseSinfo(r.stdout()).forEach(n -> byName.put(n.name(), n));
            return new Snapshot(byName, "");
        }
    }

    public static List<String> names(List<NodeRecord> nodes) {
        return nodes.stream().map(NodeRecord::name).toList();
    }

    public static List<NodeImpact> impacts(List<NodeRecord> nodes) {
        return nodes.stream().map(n -> new NodeImpact(n.name(), n.state().display(), n.reasonWithOrigin())).toList();
    }

    /** "node[001-002] (drained: maintenance), node004 (idle)": nodes folded by state and reason. */
    public static String describe(List<NodeRecord> nodes) {
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
    public static Optional<String> recheck(List<String> names, CommandContext ctx,
                                           Function<NodeRecord, Optional<String>> fits) {
        Snapshot now = Snapshot.now(ctx);
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

    /** Host lists, one per sinfo group (not {@code -N}: see {@link NodeRecord}); every node once, in order. */
    private static List<String> names(String sinfoOutput) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : sinfoOutput.split("\n")) {
            if (!line.isBlank()) {
                out.addAll(io.slurmops.commands.slurm.SinfoNames.expand(line.strip()));
            }
        }
        return io.slurmops.commands.slurm.SinfoNames.inOrder(out);
    }

}
