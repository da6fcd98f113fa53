package io.slurmops.commands.change;

import io.slurmops.commands.catalog.JobEffect;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;

/** Drains nodes: running jobs finish, no new job starts. Nodes already drained or down are left alone. */
public final class DrainCommand extends TakeOutOfService {

    public DrainCommand() {
        super(declaration("drain")
                .summary("Drain nodes (running jobs finish, no new jobs start)")
                .description("Runs `scontrol update NodeName=HOSTLIST State=DRAIN Reason=\"REASON [you #N]\"` after "
                        + "approval. Nodes already drained or down are skipped.")
                .risk(Risk.CHANGE).jobs(JobEffect.FINISH)
                .build(), "DRAIN");
    }

    @Override
    boolean alreadyOut(NodeRecord n) {
        return NodeConditions.drainedOrDown(n);
    }

    @Override
    String alreadyOutNow(NodeRecord n) {
        return n.name() + " is already " + n.state().display() + (n.hasReason() ? " (" + n.reason() + ")" : "");
    }

    @Override
    String title(String hosts, BlastRadius blast, String reason) {
        return "Drain " + hosts + ": " + reason;
    }

    @Override
    String stepTitle(String hosts) {
        return "Drain " + hosts;
    }

    @Override
    List<String> notes(BlastRadius blast, List<NodeRecord> skipped) {
        List<String> notes = new ArrayList<>();
        if (!skipped.isEmpty()) {
            notes.add("Skipped, already out of service: " + NodeTargets.describe(skipped));
        }
        notes.add(blast.jobs().isEmpty() ? "No jobs run there." : "Running jobs (" + blast.jobsSummary()
                + ") finish normally; no new job starts on these nodes.");
        return notes;
    }
}
