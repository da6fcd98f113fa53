package io.slurmops.commands.runbook.run;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.runbook.Actions;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.slurm.StateFileErrors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two least destructive ways back for a slurmctld that cannot read its state, as argv on the
 * controller: put back the {@code .old} copy of exactly the files slurmctld's log names, then (if
 * it still refuses) start it once with {@code -i}.
 */
final class StateRecovery {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** Debian's and SchedMD's slurmctld units: ExecStart=… slurmctld … $SLURMCTLD_OPTIONS. */
    static final String OPTIONS_VARIABLE = "SLURMCTLD_OPTIONS";

    private final ClusterAccess cluster;
    private final ControllerLog log;

    StateRecovery(ClusterAccess cluster, ControllerLog log) {
        this.cluster = cluster;
        this.log = log;
    }

    /**
     * Only the files slurmctld named since its last start are replaced: an empty or missing file it
     * already replaces with the .old copy itself, and rolling healthy files back would undo drains
     * and reservations for nothing. {@code cp -p} as root keeps SlurmUser's ownership and the modes.
     */
    Outcome useOldState(Actions.UseOldState a, RunValues values) {
        String dir = values.bind(a.dir());
        List<StateFileErrors.Unreadable> bad = StateFileErrors.in(StateFileErrors.sinceLastStart(log.tail()));
        if (bad.isEmpty()) {
            return Outcome.ok("slurmctld's log (" + log.describe() + ") names no unreadable state file since its last start;"
                    + " nothing replaced");
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (StateFileErrors.Unreadable u : bad) {
            String file = dir + "/" + u.file();
            ExecResult old = cluster.onController(List.of("test", "-s", file + ".old"), TIMEOUT);
            if (!old.ok()) {
                out.add(u.file() + ": no .old copy to put back (slurmctld said: " + u.logLine() + ")");
                continue;
            }
            ExecResult cp = cluster.onController(List.of("cp", "-p", "--", file + ".old", file), TIMEOUT);
            ok &= cp.ok();
            out.add(u.file() + (cp.ok() ? ": replaced by " + u.file() + ".old" : ": copy failed: " + cp.outcome() + " "
                    + cp.stderr().strip()) + " (slurmctld said: " + u.logLine() + ")");
        }
        return new Outcome(ok, String.join("\n", out));
    }

    /**
     * Starts slurmctld with {@code -i} the way a systemd site does: the option goes into the service
     * manager's environment for this one start ({@code systemctl set-environment SLURMCTLD_OPTIONS=…}),
     * then the previous value is put back whatever happened, so no later start ignores state.
     * A site whose /etc/default/slurmctld sets SLURMCTLD_OPTIONS overrides it (EnvironmentFile wins).
     */
    Outcome startIgnoringState(String unit) {
        List<String> manager = cluster.site().serviceManager();
        Optional<String> previous = previousOptions(manager);
        String options = previous.map(p -> p.isBlank() ? "-i" : p + " -i").orElse("-i");
        ExecResult set = cluster.onController(argv(manager, "set-environment", OPTIONS_VARIABLE + "=" + options), TIMEOUT);
        if (!set.ok()) {
            return StepActions.one(set);
        }
        try {
            return StepActions.one(cluster.onController(argv(manager, "start", unit), TIMEOUT));
        } finally {
            ExecResult restore = cluster.onController(previous.isPresent()
                    ? argv(manager, "set-environment", OPTIONS_VARIABLE + "=" + previous.get())
                    : argv(manager, "unset-environment", OPTIONS_VARIABLE), TIMEOUT);
            if (!restore.ok()) {
                throw new IllegalStateException("slurmctld was started with -i but " + OPTIONS_VARIABLE
                        + " could not be put back (the next start would ignore state too): " + restore.outcome());
            }
        }
    }

    private Optional<String> previousOptions(List<String> manager) {
        ExecResult r = cluster.onController(argv(manager, "show-environment"), TIMEOUT);
        if (!r.ok()) {
            return Optional.empty();
        }
        return r.stdout().lines().filter(l -> l.startsWith(OPTIONS_VARIABLE + "="))
                .map(l -> l.substring(OPTIONS_VARIABLE.length() + 1)).reduce((a, b) -> b);
    }

    private static List<String> argv(List<String> manager, String... args) {
        List<String> argv = new ArrayList<>(manager);
        argv.addAll(List.of(args));
        return argv;
    }
}
