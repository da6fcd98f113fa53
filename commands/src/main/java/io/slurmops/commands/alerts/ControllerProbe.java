package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.LogSource;
import io.slurmops.commands.slurm.ControllerPing;
import io.slurmops.commands.slurm.StateFileErrors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * slurmctld primary and backup answer {@code scontrol ping}. A primary that is down because it
 * cannot read a state file (its log says which) is named as such, with the recovery runbook as the fix.
 */
public final class ControllerProbe implements HealthProbe {

    /** The runbook that recovers a slurmctld that cannot read its state (config/runbooks). */
    static final String RECOVERY = "runbook run ctld-state-recovery";
    private static final int LOG_LINES = 400;

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
                boolean primary = p.role().equals("primary");
                Status severity = anyUp ? Status.WARNING : Status.CRITICAL;
                String summary = "slurmctld (" + p.role() + ") on " + p.host() + " is DOWN"
                        + (anyUp ? "; another controller answers" : "; no controller answers");
                List<StateFileErrors.Unreadable> bad = primary && !anyUp ? unreadableState(ctx) : List.of();
                if (!bad.isEmpty()) {
                    out.add(Observation.of(name(), "slurmctld-" + p.role(), severity, summary + ": it cannot read its state file "
                            + bad.stream().map(StateFileErrors.Unreadable::file).collect(Collectors.joining(", "))
                            + " (slurmctld: " + bad.get(0).logLine() + ")", "state-recovery-failed", RECOVERY));
                    continue;
                }
                out.add(Observation.of(name(), "slurmctld-" + p.role(), severity, summary, "controller-unreachable",
                        primary ? "start slurmctld" : ""));
            }
        }
        return out;
    }

    /**
     * The state files slurmctld's own log (since its last start) says it cannot read: then "start
     * slurmctld" would only fail again, and the fix is the recovery runbook. Nothing when the site
     * has no slurmctld log source or the log cannot be read (the plain controller alert stands).
     */
    private static List<StateFileErrors.Unreadable> unreadableState(CommandContext ctx) {
        Optional<LogSource> src = ctx.cluster().site().log("slurmctld");
        if (src.isEmpty()) {
            return List.of();
        }
        ExecResult r = ctx.cluster().onController(src.get().tailArgv(LOG_LINES), ctx.cluster().site().nodeTimeout());
        return r.ok() ? StateFileErrors.in(StateFileErrors.sinceLastStart(r.stdout())) : List.of();
    }

    static String firstLine(ExecResult r) {
        String t = r.combinedOutput().strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? r.outcome() : nl < 0 ? t : t.substring(0, nl);
    }
}
