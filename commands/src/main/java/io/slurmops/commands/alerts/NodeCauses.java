package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.Finding;

import java.util.List;
import java.util.Map;

/**
 * From what the first checks saw on a node to the one cause that explains it, most specific first:
 * the node cannot be reached at all; slurmd stuck in the kernel or stopped; slurmd gone; what the
 * node-side checks found in their order (a foreign munge key, a dead munged, no SSH); slurmd running
 * but its port filtered or refused from the controller. Null when nothing explains it.
 */
final class NodeCauses {

    private NodeCauses() {
    }

    static Finding decide(CommandContext ctx, NodeEvidence e) {
        String node = e.node();
        Map<String, String> at = Map.of("node", node, "hosts", node);
        if (e.noAnswer()) {
            return ctx.knowledgeBase().finding("node-no-answer", node + " does not answer from the controller: ssh "
                    + e.ssh().describe() + ", slurmd " + e.slurmd().describe(), at);
        }
        if (e.nothingListens()) {
            return ctx.knowledgeBase().finding("node-unreachable", node + " answers but refuses ssh (" + e.ssh().describe()
                    + ") and slurmd (" + e.slurmd().describe() + "): unreachable: connection refused", at);
        }
        SlurmdProcess.State p = e.process();
        if (p != null && p.readable() && p.stuckInKernel()) {
            return ctx.knowledgeBase().finding("slurmd-stuck", "slurmd on " + node + " is stuck in the kernel (process state "
                    + p.state() + ", PID " + p.pid() + waitChannel(p) + ")", at);
        }
        if (p != null && p.readable() && p.stopped()) {
            return ctx.knowledgeBase().finding("slurmd-stopped", "slurmd on " + node + " is stopped (process state "
                    + p.state() + ", PID " + p.pid() + waitChannel(p) + ")", at);
        }
        for (List<Finding> found : e.findings().values()) {
            for (Finding f : found) {
                if (f.diagnosis().id().equals("node-not-responding")) {
                    // The services check saw "slurmd: inactive" on a node that answers over ssh: name the cause.
                    return ctx.knowledgeBase().finding("slurmd-dead", "slurmd process gone on " + node + " ("
                            + (f.evidence().isBlank() ? "slurmd inactive" : f.evidence().strip())
                            + "; the host answers over ssh)", at);
                }
            }
        }
        for (List<Finding> found : e.findings().values()) {
            for (Finding f : found) {
                if (!f.diagnosis().id().equals("clock-skew")) {
                    return f;
                }
            }
        }
        boolean slurmdRuns = p != null && p.readable() && p.pid() > 0;
        if (slurmdRuns && e.slurmd().outcome() == TcpReach.Outcome.NO_ANSWER) {
            return ctx.knowledgeBase().finding("slurmd-port-filtered", "slurmd port " + e.slurmd().port() + " on " + node
                    + " is filtered: the connect from the controller timed out while ssh works and slurmd runs (PID "
                    + p.pid() + ")", at);
        }
        if (slurmdRuns && e.slurmd().outcome() == TcpReach.Outcome.REFUSED) {
            return ctx.knowledgeBase().finding("slurmd-port-refused", "slurmd port " + e.slurmd().port() + " on " + node
                    + " refuses connections while slurmd runs (PID " + p.pid() + ")", at);
        }
        for (List<Finding> found : e.findings().values()) {
            if (!found.isEmpty()) {
                return found.get(0);                         // clock skew: last, the least direct cause
            }
        }
        return null;
    }

    private static String waitChannel(SlurmdProcess.State p) {
        return p.waitChannel().isBlank() || p.waitChannel().equals("-") ? "" : ", in " + p.waitChannel();
    }
}
