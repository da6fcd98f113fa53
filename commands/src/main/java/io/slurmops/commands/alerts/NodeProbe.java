package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.NodeRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Down, drained, failing and not-responding nodes, one observation per node. The suggested fix
 * follows the NHC rule: never resume a node that a person drained — only nodes Slurm itself took
 * out ("Not responding", "Node unexpectedly rebooted") get a repair.
 */
public final class NodeProbe implements HealthProbe {

    private static final List<String> SLURM_SET_REASONS = List.of("not responding", "node unexpectedly rebooted");

    private final Duration interval;

    public NodeProbe(Duration interval) {
        this.interval = interval;
    }

    @Override
    public String name() {
        return "nodes";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<Observation> observe(CommandContext ctx) throws ProbeUnavailableException {
        ExecResult r = ctx.cluster().slurm(NodeRecord.SINFO_ARGS);
        if (!r.ok()) {
            throw new ProbeUnavailableException("sinfo " + r.outcome() + ": " + ControllerProbe.firstLine(r));
        }
        List<Observation> out = new ArrayList<>();
        for (NodeRecord n : NodeRecord.parseSinfo(r.stdout())) {
            if (!n.state().isProblem()) {
                continue;
            }
            boolean slurmSet = SLURM_SET_REASONS.stream()
                    .anyMatch(s -> n.reason().toLowerCase(Locale.ROOT).startsWith(s)) || !n.hasReason();
            boolean down = n.state().isDown() || n.state().notResponding();
            String repair = "";
            String diagnosis = "";
            if (down && slurmSet) {
                diagnosis = "node-not-responding";
                repair = "restart slurmd " + n.name();
            }
            Status severity = down ? Status.CRITICAL : Status.WARNING;
            String summary = n.name() + " is " + n.state().display()
                    + (n.hasReason() ? ": " + n.reasonWithOrigin() : "")
                    + (n.hasReason() && !slurmSet ? " (set by a person or a health checker: no automatic fix)" : "");
            out.add(Observation.of(name(), n.name(), severity, summary, diagnosis, repair));
        }
        return out;
    }
}
