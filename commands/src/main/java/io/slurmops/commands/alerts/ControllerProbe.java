package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.ControllerControl;
import io.slurmops.commands.slurm.ControllerPing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** slurmctld primary and backup answer {@code scontrol ping}. */
public final class ControllerProbe implements HealthProbe {

    private final Duration interval;

    public ControllerProbe(Duration interval) {
        this.interval = interval;
    }

    @Override
    public String name() {
        return "controller";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<Observation> observe(CommandContext ctx) throws ProbeUnavailableException {
        ExecResult r = ctx.cluster().slurm("scontrol", "ping");
        List<ControllerPing> pings = ControllerPing.parse(r.stdout());
        if (pings.isEmpty()) {
            if (!ctx.knowledgeBase().match(r.combinedOutput()).isEmpty()) {
                String id = ctx.knowledgeBase().match(r.combinedOutput()).get(0).diagnosis().id();
                return List.of(Observation.of(name(), "slurmctld", Status.CRITICAL,
                        "scontrol ping failed: " + firstLine(r), id, ""));
            }
            throw new ProbeUnavailableException("scontrol ping " + r.outcome() + ": " + firstLine(r));
        }
        List<Observation> out = new ArrayList<>();
        boolean anyUp = pings.stream().anyMatch(ControllerPing::up);
        for (ControllerPing p : pings) {
            if (!p.up()) {
                out.add(p.primary() && anyUp ? primaryDown(ctx, pings, p) : down(p, anyUp));
            }
        }
        return out;
    }

    private Observation down(ControllerPing p, boolean anyUp) {
        Status severity = anyUp ? Status.WARNING : Status.CRITICAL;
        String summary = "slurmctld (" + p.role() + ") on " + p.host() + " is DOWN"
                + (anyUp ? "; another controller answers" : "; no controller answers");
        return Observation.of(name(), "slurmctld-" + p.role(), severity, summary, "controller-unreachable",
                p.primary() ? "start slurmctld" : "");
    }

    /**
     * The primary is down and a backup answers: say who is in control now. A backup that took over
     * keeps the cluster scheduling (warning; fail back once the primary is repaired); a backup still
     * in standby means nobody schedules (critical; fail over).
     */
    private Observation primaryDown(CommandContext ctx, List<ControllerPing> pings, ControllerPing p) {
        ControllerControl control = ControllerControl.decide(pings, ctx.cluster());
        String summary = "slurmctld (primary) on " + p.host() + " is DOWN; " + control.describe();
        return control.backupInControl()
                ? Observation.of(name(), "slurmctld-primary", Status.WARNING, summary, "controller-unreachable",
                        "failback")
                : Observation.of(name(), "slurmctld-primary", Status.CRITICAL, summary, "controller-unreachable",
                        "failover");
    }

    static String firstLine(ExecResult r) {
        String t = r.combinedOutput().strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? r.outcome() : nl < 0 ? t : t.substring(0, nl);
    }
}
