package io.slurmops.commands.alerts;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.read.CheckReport;
import io.slurmops.commands.read.HealthCheck;
import io.slurmops.commands.nodes.NodeTargets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why is a node not responding? "Restart slurmd" is the wrong fix for a node with a foreign munge
 * key, so before alerting, the node-side checks (services, munge round trip) run on the unhealthy
 * nodes only, and the most specific finding per node wins.
 */
public final class NodeFaultDiagnoser {

    private final List<HealthCheck> checks;

    /** @param checks node-side checks, most specific first (e.g. munge before services) */
    public NodeFaultDiagnoser(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public Map<String, Finding> diagnose(CommandContext ctx, List<String> nodes) {
        Map<String, Finding> byNode = new HashMap<>();
        if (nodes.isEmpty()) {
            return byNode;
        }
        NodeTargets targets = new NodeTargets(nodes, "");
        for (HealthCheck check : checks) {
            CheckReport report = check.check(ctx, targets);
            for (Finding f : report.findings()) {
                for (String node : nodes) {
                    if (!byNode.containsKey(node) && concerns(f, node)) {
                        byNode.put(node, f);
                    }
                }
            }
        }
        return byNode;
    }

    private static boolean concerns(Finding f, String node) {
        String hosts = f.bindings().getOrDefault("hosts", f.bindings().get("node"));
        if (hosts != null && !hosts.isBlank()) {
            try {
                return Hostlist.parse(hosts).contains(node);
            } catch (IllegalArgumentException e) {
                return hosts.contains(node);
            }
        }
        return f.repair().contains(node) || f.evidence().contains(node);
    }
}
