package io.slurmops.commands.nodes;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.JobImpact;
import io.slurmops.commands.plan.MassScope;
import io.slurmops.commands.plan.NodeImpact;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures a plan's {@link MassScope}: its target nodes against the cluster's nodes and partitions
 * (one sinfo), and the jobs running on them (one squeue). The same for every command that acts on
 * nodes, so no command has to count for itself. When Slurm cannot say, no plan is made: a mass action
 * must not pass as a small one because the count failed.
 */
public final class ClusterShare {

    /** Each partition's nodes as host lists, one line per group (not {@code -N}: see NodeRecord). */
    public static final List<String> SINFO_PARTITIONS = List.of("sinfo", "-h", "-o", "%N|%R");

    private ClusterShare() {
    }

    /** The plan's scope; empty when it acts on no node (a controller-side change, a job action). */
    public static Optional<MassScope> of(CommandContext ctx, Plan plan, Invocation inv) throws PlanRefusedException {
        Set<String> targets = new LinkedHashSet<>(plan.blastRadius().nodes().stream().map(NodeImpact::name).toList());
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Set<String>> partitions = partitions(ctx);
        Set<String> cluster = new LinkedHashSet<>();
        partitions.values().forEach(cluster::addAll);
        List<String> whole = new ArrayList<>();
        partitions.forEach((name, nodes) -> {
            if (!nodes.isEmpty() && targets.containsAll(nodes)) {
                whole.add(name);
            }
        });
        boolean namedAll = inv.values().values().stream()
                .anyMatch(v -> v instanceof Hostlist h && NodeTargets.namesAll(h));
        int running = running(ctx, List.copyOf(targets));
        return Optional.of(new MassScope(plan.command(), targets.size(), cluster.size(), namedAll,
                targets.containsAll(cluster), whole, running, inv.spec().jobEffect()));
    }

    private static Map<String, Set<String>> partitions(CommandContext ctx) throws PlanRefusedException {
        ExecResult r = ctx.cluster().slurm(SINFO_PARTITIONS);
        if (!r.ok()) {
            throw new PlanRefusedException("could not tell how much of the cluster this is (sinfo " + r.outcome()
                    + "), so no plan is made");
        }
        Map<String, Set<String>> out = new TreeMap<>();
        for (String line : r.stdout().split("\n")) {
            int bar = line.indexOf('|');
            if (bar > 0) {
                out.computeIfAbsent(line.substring(bar + 1).strip(), k -> new LinkedHashSet<>())
                        .addAll(io.slurmops.commands.slurm.SinfoNames.expand(line.substring(0, bar).strip()));
            }
        }
        return out;
    }

    private static int running(CommandContext ctx, List<String> nodes) throws PlanRefusedException {
        ExecResult r = ctx.cluster().slurm("squeue", "-h", "-t", "RUNNING", "-w", Hostlist.compress(nodes), "-o",
                JobImpact.SQUEUE_FORMAT);
        if (!r.ok()) {
            throw new PlanRefusedException("could not count the jobs on " + Hostlist.compress(nodes) + " (squeue "
                    + r.outcome() + "), so the plan cannot say how many it kills");
        }
        return JobImpact.parse(r.stdout()).size();
    }
}
