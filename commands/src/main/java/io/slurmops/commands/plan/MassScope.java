package io.slurmops.commands.plan;

import io.slurmops.commands.catalog.JobEffect;

import java.util.List;

/**
 * How much of the cluster a change acts on, and what it does to the jobs there: what the approval
 * policy judges a mass action by (slide 21: {@code NodeName=ALL State=down} is a mass outage).
 *
 * @param command         the command's name, for the sentences
 * @param targets         the nodes the plan acts on
 * @param clusterNodes    the nodes of the cluster
 * @param namedAll        the requester typed {@code ALL}
 * @param wholeCluster    the plan acts on every node (by ALL or by listing them all)
 * @param wholePartitions the partitions every node of which the plan acts on, sorted
 * @param runningJobs     the jobs squeue lists as running on the targets
 * @param jobEffect       what the command does to them
 */
public record MassScope(String command, int targets, int clusterNodes, boolean namedAll, boolean wholeCluster,
                        List<String> wholePartitions, int runningJobs, JobEffect jobEffect) {

    public MassScope {
        wholePartitions = List.copyOf(wholePartitions);
        if (targets < 0 || clusterNodes < 0 || runningJobs < 0) {
            throw new IllegalArgumentException("negative count in a mass scope");
        }
    }

    /** The share of the cluster's nodes the plan acts on, 0..1. */
    public double share() {
        return clusterNodes == 0 ? 0 : (double) targets / clusterNodes;
    }

    public int killedJobs() {
        return jobEffect.killed(runningJobs);
    }

    /** "4 of 4 nodes (ALL, the whole cluster; whole partition debug)". */
    public String describe() {
        StringBuilder b = new StringBuilder().append(targets).append(" of ").append(clusterNodes).append(" nodes");
        List<String> why = new java.util.ArrayList<>();
        if (namedAll) {
            why.add("ALL");
        }
        if (wholeCluster) {
            why.add("the whole cluster");
        }
        if (!wholePartitions.isEmpty()) {
            why.add("whole partition" + (wholePartitions.size() == 1 ? " " : "s ") + String.join(", ", wholePartitions));
        }
        if (why.isEmpty()) {
            why.add(Math.round(share() * 100) + " %");
        }
        return b.append(" (").append(String.join("; ", why)).append(')').toString();
    }

    /** "kills 2 running jobs on them" / "kills 0 jobs: drain lets the 2 running jobs finish". */
    public String jobs() {
        return jobEffect.describe(command, runningJobs);
    }
}
