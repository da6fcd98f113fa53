package io.slurmops.commands.plan;

import java.util.List;
import java.util.TreeSet;

/** What a plan affects: the target nodes as they were, and the jobs on them with their users. */
public record BlastRadius(List<NodeImpact> nodes, List<JobImpact> jobs) {

    public static final BlastRadius NONE = new BlastRadius(List.of(), List.of());

    public BlastRadius {
        nodes = List.copyOf(nodes);
        jobs = List.copyOf(jobs);
    }

    /** The distinct users whose jobs are affected, sorted. */
    public List<String> users() {
        return List.copyOf(new TreeSet<>(jobs.stream().map(JobImpact::user).toList()));
    }

    /** "3 jobs of 2 users (alice, bob)" or "no jobs". */
    public String jobsSummary() {
        if (jobs.isEmpty()) {
            return "no jobs";
        }
        List<String> users = users();
        return jobs.size() + (jobs.size() == 1 ? " job" : " jobs") + " of " + users.size()
                + (users.size() == 1 ? " user" : " users") + " (" + String.join(", ", users) + ")";
    }
}
