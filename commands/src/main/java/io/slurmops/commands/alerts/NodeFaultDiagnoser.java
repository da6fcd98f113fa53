package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.read.CheckPortsCommand;
import io.slurmops.commands.read.CheckReport;
import io.slurmops.commands.read.HealthCheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Why is a node not responding? The runbook's first checks (slides 10, 12, 13), run on the unhealthy
 * nodes only, all of them at once and each bounded by the site's timeouts: can the node be reached at
 * all (a TCP connect to its ssh port from the bot and to its slurmd port from the controller), is
 * slurmd gone, stopped or stuck in the kernel, does munge work (dead munged vs. a foreign key), is the
 * clock off. The cause decides the suggested fix: a cut link or a firewall gets none ("restart slurmd"
 * could not help), a stopped or dead slurmd gets a restart. Everything is argv over the existing
 * transports; a node that does not answer is not asked anything over SSH.
 */
public final class NodeFaultDiagnoser {

    /** The cause found for one node (null when nothing explains it) and what each check saw. */
    public record Diagnosis(Finding cause, List<String> evidence) {
        public Diagnosis {
            evidence = List.copyOf(evidence);
        }
    }

    static final int DEFAULT_SSH_PORT = 22;
    static final int CONNECT_SECONDS = 3;

    private final List<HealthCheck> checks;
    private final int sshPort;
    private final TcpReach reach;

    /** @param checks node-side checks, most specific first (e.g. munge before services, then clock) */
    public NodeFaultDiagnoser(List<HealthCheck> checks) {
        this(checks, DEFAULT_SSH_PORT);
    }

    /** @param sshPort the port the bot's SSH transport connects to (the management path) */
    public NodeFaultDiagnoser(List<HealthCheck> checks, int sshPort) {
        this.checks = List.copyOf(checks);
        this.sshPort = sshPort;
        this.reach = new TcpReach(CONNECT_SECONDS);
    }

    /** The cause per node, for the nodes where one was found. */
    public Map<String, Finding> diagnose(CommandContext ctx, List<String> nodes) {
        Map<String, Finding> out = new HashMap<>();
        triage(ctx, nodes).forEach((node, d) -> {
            if (d.cause() != null) {
                out.put(node, d.cause());
            }
        });
        return out;
    }

    /** Every node's diagnosis, with the evidence lines for the incident's thread. */
    public Map<String, Diagnosis> triage(CommandContext ctx, List<String> nodes) {
        Map<String, Diagnosis> out = new LinkedHashMap<>();
        if (nodes.isEmpty()) {
            return out;
        }
        Map<String, TcpReach.Probe[]> probes = reachOf(ctx, nodes);
        List<String> inside = new ArrayList<>();
        for (String node : nodes) {
            TcpReach.Probe[] p = probes.get(node);
            NodeEvidence outside = new NodeEvidence(node, p[0], p[1], null, Map.of());
            if (!outside.noAnswer() && !outside.nothingListens()) {
                inside.add(node);
            }
        }
        Map<String, SlurmdProcess.State> processes = new HashMap<>();
        Map<String, Map<String, List<Finding>>> found = lookInside(ctx, inside, processes);
        for (String node : nodes) {
            TcpReach.Probe[] p = probes.get(node);
            NodeEvidence e = new NodeEvidence(node, p[0], p[1], processes.get(node),
                    found.getOrDefault(node, Map.of()));
            out.put(node, new Diagnosis(NodeCauses.decide(ctx, e), e.lines()));
        }
        return out;
    }

    /** node → [ssh probe from the bot's host, slurmd probe from the controller]. */
    private Map<String, TcpReach.Probe[]> reachOf(CommandContext ctx, List<String> nodes) {
        List<TcpReach.Target> targets = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (CheckPortsCommand.Target t : CheckPortsCommand.targets(ctx, new NodeTargets(nodes, ""))) {
            if (!t.daemon().equals("slurmd")) {
                continue;
            }
            targets.add(new TcpReach.Target(HostCommand.LOCAL, t.address(), sshPort));
            targets.add(new TcpReach.Target(ctx.cluster().site().controller(), t.address(), t.port()));
            order.add(t.name());
        }
        List<TcpReach.Probe> results = reach.probe(ctx, targets);
        Map<String, TcpReach.Probe[]> out = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            out.put(order.get(i), new TcpReach.Probe[] {results.get(2 * i), results.get(2 * i + 1)});
        }
        return out;
    }

    /** The node-side checks and slurmd's process state, side by side on the nodes that can be reached. */
    private Map<String, Map<String, List<Finding>>> lookInside(CommandContext ctx, List<String> nodes,
                                                               Map<String, SlurmdProcess.State> processes) {
        Map<String, Map<String, List<Finding>>> out = new HashMap<>();
        if (nodes.isEmpty()) {
            return out;
        }
        NodeTargets targets = new NodeTargets(nodes, "");
        List<Callable<Object>> calls = new ArrayList<>();
        checks.forEach(c -> calls.add(() -> c.check(ctx, targets)));
        nodes.forEach(n -> calls.add(() -> SlurmdProcess.read(ctx, n)));
        List<Object> results = ctx.cluster().inParallel(calls, e -> e);
        for (int i = 0; i < checks.size(); i++) {
            String name = checks.get(i).checkName();
            Object r = results.get(i);
            for (String node : nodes) {
                List<Finding> mine = new ArrayList<>();
                if (r instanceof CheckReport report) {
                    report.findings().stream().filter(f -> concerns(f, node)).forEach(mine::add);
                }
                out.computeIfAbsent(node, k -> new LinkedHashMap<>()).put(name, mine);
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            Object r = results.get(checks.size() + i);
            processes.put(nodes.get(i), r instanceof SlurmdProcess.State s ? s
                    : SlurmdProcess.State.unreadable(String.valueOf(r)));
        }
        return out;
    }

    static boolean concerns(Finding f, String node) {
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
