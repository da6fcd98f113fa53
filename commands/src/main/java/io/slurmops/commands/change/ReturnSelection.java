package io.slurmops.commands.change;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which of the named nodes may be returned to service: those out of service, except the ones a
 * health checker took out (their reason starts with "NHC:"), unless --force.
 */
record ReturnSelection(List<NodeRecord> targets, List<NodeRecord> alreadyFine, List<NodeRecord> heldByChecker) {

    static final OptionSpec FORCE = OptionSpec.flag("force",
            "also act on nodes a health checker (reason NHC: …) took out of service");

    static ReturnSelection of(List<NodeRecord> nodes, Predicate<NodeRecord> needsIt, boolean force) {
        List<NodeRecord> targets = new ArrayList<>();
        List<NodeRecord> fine = new ArrayList<>();
        List<NodeRecord> held = new ArrayList<>();
        for (NodeRecord n : nodes) {
            if (!needsIt.test(n)) {
                fine.add(n);
            } else if (NodeConditions.setByHealthChecker(n) && !force) {
                held.add(n);
            } else {
                targets.add(n);
            }
        }
        return new ReturnSelection(targets, fine, held);
    }

    List<String> notes(String verb) {
        List<String> notes = new ArrayList<>();
        if (!alreadyFine.isEmpty()) {
            notes.add("Skipped, nothing to " + verb + ": " + NodeTargets.describe(alreadyFine));
        }
        if (!heldByChecker.isEmpty()) {
            notes.add("Not " + verb + "d: taken out by the node health checker, which resumes them itself once its "
                    + "check passes: " + NodeTargets.describe(heldByChecker) + ". Fix the check, or add --force.");
        }
        targets.stream().filter(n -> n.state().notResponding()).forEach(n -> notes.add(n.name()
                + " is not responding (slurmd down or unreachable); it will not take jobs until slurmd answers."));
        return notes;
    }

    /** Why nothing is left to do, for a refusal. */
    String nothingLeft(String verb) {
        return "nothing to " + verb + ". " + String.join(" ", notes(verb));
    }
}
