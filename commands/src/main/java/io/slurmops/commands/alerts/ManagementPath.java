package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.read.CheckPortsCommand;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bot's own way into the nodes is a check too: every node-side check and fix goes over SSH, so a
 * node whose sshd does not accept connections is blind to the bot even while Slurm runs jobs on it.
 * Every {@code every}, a TCP connect to each healthy node's ssh port from the bot's host; where it
 * fails, the slurmd port is tried from the controller; two failing checks in a row make the warning
 * (a restarting sshd is refused for a moment). Only "ssh fails, slurmd answers" is this fault:
 * a node where both fail is going away as a whole, and Slurm's own not-responding alert names it (with
 * the triage), so it must not open a second incident. A fresh connect, not the pooled SSH session: a
 * session opened before sshd died keeps working and would hide it.
 */
public final class ManagementPath {

    private final int sshPort;
    private final Duration every;
    private final TcpReach reach = new TcpReach(NodeFaultDiagnoser.CONNECT_SECONDS);
    private Instant last = Instant.MIN;
    private Map<String, Observation> broken = Map.of();
    /** Nodes that failed the last check: a second failure in a row is needed (an sshd restart blinks). */
    private Map<String, Observation> suspected = Map.of();

    public ManagementPath(int sshPort, Duration every) {
        this.sshPort = sshPort;
        this.every = every;
    }

    /**
     * Observations for healthy nodes whose management path is broken (one WARNING each, keyed like the
     * node's other faults so that a later Slurm fault on it continues the same incident).
     *
     * @param healthy nodes Slurm sees responding, name → state as sinfo shows it
     */
    public synchronized List<Observation> observe(CommandContext ctx, String probe, Map<String, String> healthy) {
        Instant now = ctx.clock().instant();
        if (!now.isBefore(last.plus(every))) {
            last = now;
            Map<String, Observation> failing = check(ctx, probe, healthy);
            Map<String, Observation> confirmed = new LinkedHashMap<>();
            failing.forEach((node, o) -> {
                if (suspected.containsKey(node) || broken.containsKey(node)) {
                    confirmed.put(node, o);
                }
            });
            suspected = failing;
            broken = confirmed;
        }
        List<Observation> out = new ArrayList<>();
        broken.forEach((node, o) -> {
            if (healthy.containsKey(node)) {
                out.add(o);
            }
        });
        return out;
    }

    private Map<String, Observation> check(CommandContext ctx, String probe, Map<String, String> healthy) {
        Map<String, Observation> out = new LinkedHashMap<>();
        if (healthy.isEmpty()) {
            return out;
        }
        List<CheckPortsCommand.Target> nodes = CheckPortsCommand.targets(ctx, new NodeTargets(List.copyOf(healthy.keySet()), ""))
                .stream().filter(t -> t.daemon().equals("slurmd")).toList();
        List<TcpReach.Target> ssh = nodes.stream().map(t -> new TcpReach.Target(HostCommand.LOCAL, t.address(), sshPort))
                .toList();
        List<TcpReach.Probe> sshSeen = reach.probe(ctx, ssh);
        Map<String, TcpReach.Probe> failing = new HashMap<>();
        List<TcpReach.Target> slurmd = new ArrayList<>();
        List<CheckPortsCommand.Target> suspects = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            TcpReach.Outcome o = sshSeen.get(i).outcome();
            if (o == TcpReach.Outcome.REFUSED || o == TcpReach.Outcome.NO_ANSWER) {
                failing.put(nodes.get(i).name(), sshSeen.get(i));
                suspects.add(nodes.get(i));
                slurmd.add(new TcpReach.Target(ctx.cluster().site().controller(), nodes.get(i).address(), nodes.get(i).port()));
            }
        }
        List<TcpReach.Probe> slurmdSeen = reach.probe(ctx, slurmd);
        for (int i = 0; i < suspects.size(); i++) {
            String node = suspects.get(i).name();
            TcpReach.Probe s = failing.get(node);
            TcpReach.Probe d = slurmdSeen.get(i);
            if (d.outcome() != TcpReach.Outcome.OPEN) {
                continue;                                      // the whole node is going: Slurm's alert will say so
            }
            String evidence = "ssh to " + node + " fails while Slurm sees it responding: " + s.describe()
                    + ", slurmd port " + d.port() + " open";
            String summary = node + " is " + healthy.get(node) + " in Slurm, but the bot cannot reach it over SSH ("
                    + s.describe() + ") — node-side checks and fixes cannot run there";
            out.put(node, Observation.of(probe, node, Status.WARNING, summary, "node-ssh-refused", "")
                    .withTriage(List.of("reach: ssh " + s.describe() + " from the bot; slurmd " + d.describe()
                                    + " from the controller" + (d.address().equals(node) ? "" : " (" + d.address() + ")"),
                            evidence + ": jobs still run, but the bot can neither check nor fix anything there")));
        }
        return out;
    }
}
