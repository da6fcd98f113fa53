package io.slurmops.commands.alerts;

import io.slurmops.commands.diagnosis.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the first checks of the runbook saw on one unhealthy node: the network from outside (ssh port
 * and slurmd port, connected to from the bot and the controller), slurmd's process state, and the
 * node-side checks (munge round trip, services, clock) — each finding in the order the checks ran.
 *
 * @param ssh      the connect to the node's ssh port, from the bot's host
 * @param slurmd   the connect to the node's slurmd port, from the controller
 * @param process  slurmd's main process, null when the node was not looked into
 * @param findings node-side check name → what it found about this node (empty list: nothing wrong)
 */
public record NodeEvidence(String node, TcpReach.Probe ssh, TcpReach.Probe slurmd, SlurmdProcess.State process,
                           Map<String, List<Finding>> findings) {

    /** Neither port answers at all: no route, a cut link or a dead host. */
    public boolean noAnswer() {
        return ssh.outcome() == TcpReach.Outcome.NO_ANSWER && slurmd.outcome() == TcpReach.Outcome.NO_ANSWER;
    }

    /** The host answers but refuses ssh and slurmd does not accept either: nothing to look into over SSH. */
    public boolean nothingListens() {
        return ssh.outcome() == TcpReach.Outcome.REFUSED && slurmd.outcome() != TcpReach.Outcome.OPEN;
    }

    /** Whether the node-side checks were worth running (they were skipped for a node that cannot be reached). */
    public boolean lookedInside() {
        return process != null;
    }

    /** The lines for the incident's thread, one per check, in the runbook's order. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("reach: ssh " + ssh.describe() + " from the bot; slurmd " + slurmd.describe() + " from the controller"
                + (ssh.address().equals(node) ? "" : " (" + ssh.address() + ")"));
        if (!lookedInside()) {
            out.add("node-side checks (services, slurmd process, munge, clock): not run — the node cannot be "
                    + "reached over SSH; their failures belong to this incident");
            return out;
        }
        out.add(process.describe());
        findings.forEach((check, found) -> out.add(check + ": " + (found.isEmpty() ? "nothing wrong"
                : String.join("; ", found.stream().map(f -> f.evidence().isBlank() ? f.diagnosis().title()
                : f.evidence().strip()).distinct().toList()))));
        return out;
    }
}
