package io.slurmops.commands.alerts;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.read.CheckReport;
import io.slurmops.commands.read.HealthCheck;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.slurmops.commands.hostlist.Hostlist;

/**
 * A health check of the read catalog (config drift, clock, accounting DB …) watched as one
 * incident: while the check is not OK its single observation stays open, its summary and
 * severity following the check.
 */
public final class CheckProbe implements HealthProbe {

    private final HealthCheck check;
    private final String name;
    private final Duration interval;
    private final boolean needsNodes;
    private final NodeSymptoms symptoms;

    /** @param needsNodes the check looks at the nodes; without a node list it cannot tell, so it waits */
    public CheckProbe(String name, HealthCheck check, Duration interval, boolean needsNodes) {
        this(name, check, interval, needsNodes, null);
    }

    /**
     * @param symptoms where nodes the check could not read are noted, to join their node's incident
     *                 instead of opening one of this check; null to keep them in this check's incident
     */
    public CheckProbe(String name, HealthCheck check, Duration interval, boolean needsNodes, NodeSymptoms symptoms) {
        this.name = name;
        this.check = check;
        this.interval = interval;
        this.needsNodes = needsNodes;
        this.symptoms = symptoms;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<Observation> observe(CommandContext ctx) throws ProbeUnavailableException {
        NodeTargets targets = needsNodes ? NodeTargets.all(ctx) : new NodeTargets(List.of(), "");
        if (!targets.note().isEmpty()) {
            // Checking only the controller would look healthy and "resolve" a node-side incident.
            throw new ProbeUnavailableException(targets.note());
        }
        CheckReport report = check.check(ctx, targets);
        if (report.status() == Status.OK || report.status() == Status.INFO) {
            if (symptoms != null) {
                symptoms.noted(name, Map.of(), targets.hosts(), ctx.clock().instant());
            }
            return List.of();
        }
        List<Finding> findings = report.findings();
        if (symptoms != null) {
            symptoms.noted(name, report.unreadable(), targets.hosts(), ctx.clock().instant());
            // What the check says about nodes it could not read is the node's fault, not this check's.
            findings = findings.stream().filter(f -> !onlyAbout(f, report.unreadable().keySet())).toList();
            if (findings.isEmpty() && !report.unreadable().isEmpty() && report.status() != Status.ERROR) {
                return List.of();
            }
        }
        Finding first = findings.isEmpty() ? null : findings.get(0);
        String subject = first == null ? name : first.bindings().getOrDefault("hosts", name);
        String repair = first != null && first.repairComplete() ? first.repair() : "";
        Status severity = report.status() == Status.ERROR ? Status.CRITICAL : report.status();
        // One key per check: a second drifting node updates the open incident instead of opening another.
        return List.of(new Observation(name + ":" + name, name, subject, severity, name + ": " + report.summary(),
                first == null ? "" : first.diagnosis().id(), repair));
    }

    private static boolean onlyAbout(Finding f, Set<String> nodes) {
        String hosts = f.bindings().getOrDefault("hosts", f.bindings().get("node"));
        if (nodes.isEmpty() || hosts == null || hosts.isBlank()) {
            return false;
        }
        try {
            return nodes.containsAll(Hostlist.parse(hosts).hosts());
        } catch (IllegalArgumentException e) {
            return nodes.contains(hosts);
        }
    }
}
