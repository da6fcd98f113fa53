package io.slurmops.commands.runbook.run;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.runbook.Check;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.slurm.ControllerPing;
import io.slurmops.commands.slurm.NodeRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tests each check kind on the cluster. A kind without an implementation fails with
 * "check X not implemented": an untested step must never look verified.
 */
final class RunChecks {

    private final ClusterAccess cluster;
    private final Duration pollInterval;
    private final ControllerLog ctldLog;
    private final LostJobs lostJobs;
    private final DbActions db;

    RunChecks(ClusterAccess cluster, Duration pollInterval, DbActions db) {
        this.cluster = cluster;
        this.pollInterval = pollInterval;
        this.ctldLog = new ControllerLog(cluster);
        this.lostJobs = new LostJobs(cluster);
        this.db = db;
    }

    Outcome test(Check check, RunValues values) {
        try {
            return testOnce(check, values);
        } catch (RuntimeException e) {
            return Outcome.failed("check " + check.kind() + " could not run: " + e.getMessage());
        }
    }

    /** Polls until the check holds or the timeout passes; a check that is not implemented fails at once. */
    Outcome waitFor(Check check, Duration timeout, RunValues values) {
        long end = System.nanoTime() + timeout.toNanos();
        Outcome last = test(check, values);
        while (!last.ok() && !last.output().endsWith("not implemented") && System.nanoTime() < end) {
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed("interrupted while waiting until " + check.describe());
            }
            last = test(check, values);
        }
        return last.ok() ? last : Outcome.failed("still not so after " + timeout.toSeconds() + " s: " + last.output());
    }

    private Outcome testOnce(Check check, RunValues values) {
        if (check instanceof Check.ControllerResponds c) {
            ExecResult r = cluster.slurm("scontrol", "ping");
            boolean up = r.ran() && ControllerPing.parse(r.stdout()).stream().anyMatch(ControllerPing::up);
            return new Outcome(up == c.up(), check.describe() + ": " + r.outcome() + " " + r.stdout().strip());
        } else if (check instanceof Check.ServiceState s) {
            return serviceState(s, values);
        } else if (check instanceof Check.NodesResponding n) {
            return nodesResponding(n, values);
        } else if (check instanceof Check.ManifestMatches m) {
            return manifestMatches(values.bind(m.dir()), values);
        } else if (check instanceof Check.DbdResponds) {
            return StepActions.one(cluster.slurm("sacctmgr", "-n", "show", "cluster"));
        } else if (check instanceof Check.DumpRestores d) {
            return db.verify(d, values);
        } else if (check instanceof Check.DbMatchesDump d) {
            return db.matches(d, values);
        } else if (check instanceof Check.DbTables t) {
            return db.tables().check(t);
        } else if (check instanceof Check.AssocMatchesDump a) {
            return db.assoc().matches(a, values);
        } else if (check instanceof Check.StateCleared s) {
            ExecResult r = cluster.onController(List.of("find", values.bind(s.dir()), "-mindepth", "1"), cluster.site().nodeTimeout());
            return new Outcome(r.ok() && r.stdout().isBlank(), r.ok() && r.stdout().isBlank() ? "no state files left"
                    : "still there: " + r.outcome() + " " + r.stdout().strip());
        } else if (check instanceof Check.ControllerLogSays l) {
            return controllerLogSays(l, values);
        } else if (check instanceof Check.LostJobsListed l) {
            return lostJobs.list(values.bind(l.backup()), values);
        } else if (check instanceof Check.CommandSucceeds c) {
            List<HostCommand> commands = new ArrayList<>();
            List<String> argv = c.argv().stream().map(values::bind).toList();
            ClusterHosts.resolve(cluster, values, c.on()).forEach(h -> commands.add(new HostCommand(h, argv, c.timeout())));
            return StepActions.fold(cluster.runAll(commands));
        }
        return Outcome.notImplemented("check " + check.kind());
    }

    private Outcome serviceState(Check.ServiceState s, RunValues values) {
        List<String> argv = new ArrayList<>(s.service().onNodes() ? cluster.site().nodeServiceManager()
                : cluster.site().serviceManager());
        argv.add("is-active");
        argv.add(cluster.site().unit(s.service().label()));
        List<String> wrong = new ArrayList<>();
        for (ExecResult r : cluster.onNodes(ClusterHosts.resolve(cluster, values, s.on()), argv)) {
            // inactive needs a host that answered: an unreachable host proves nothing
            boolean holds = s.active() ? r.ok() : r.ran() && r.exitCode() != 0;
            if (!holds) {
                wrong.add(r.host() + ": " + r.outcome() + " " + r.stdout().strip());
            }
        }
        return new Outcome(wrong.isEmpty(), wrong.isEmpty() ? s.describe() : s.describe() + " — not on " + String.join("; ", wrong));
    }

    private Outcome nodesResponding(Check.NodesResponding n, RunValues values) {
        List<String> hosts = ClusterHosts.resolve(cluster, values, n.nodes());
        Map<String, NodeRecord> known = ClusterHosts.nodes(cluster);
        List<String> wrong = new ArrayList<>();
        for (String h : hosts) {
            NodeRecord r = known.get(h);
            if (r == null || r.state().isDown() || r.state().notResponding()) {
                wrong.add(h + (r == null ? " (unknown to slurmctld)" : " (" + r.state().display() + ")"));
            }
        }
        return new Outcome(wrong.isEmpty(), wrong.isEmpty() ? hosts.size() + " node(s) responding"
                : "not responding: " + String.join(", ", wrong));
    }

    /** The text in what slurmctld logged since this run last started it; the matching line is the output. */
    private Outcome controllerLogSays(Check.ControllerLogSays l, RunValues values) {
        String since = ctldLog.sinceMark(values);
        return since.lines().filter(line -> line.contains(l.text())).reduce((a, b) -> b)
                .map(line -> Outcome.ok("slurmctld logged: " + line.strip()))
                .orElse(Outcome.failed("slurmctld's log (" + ctldLog.describe() + ") has no \"" + l.text()
                        + "\" since this run last started it"));
    }

    /** The copy's manifest against the source's, recorded on the run when the copy step ran. */
    private Outcome manifestMatches(String dir, RunValues values) {
        String expected = values.get(RunValues.MANIFEST_PREFIX + dir);
        if (expected == null) {
            return Outcome.failed("no source manifest recorded for " + dir + " (the copy did not run in this run)");
        }
        String host = values.get(RunValues.MANIFEST_HOST_PREFIX + dir);
        String diff = Manifests.differences(expected, host == null ? Manifests.of(cluster, dir) : Manifests.of(cluster, host, dir));
        long files = expected.lines().count();
        return diff.isEmpty() ? Outcome.ok(files + " file(s) match the source's SHA-256 manifest")
                : Outcome.failed("the copy does not match the source:\n" + diff);
    }

}
