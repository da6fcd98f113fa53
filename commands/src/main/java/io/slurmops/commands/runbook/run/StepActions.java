package io.slurmops.commands.runbook.run;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FoldedResults;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.runbook.Action;
import io.slurmops.commands.runbook.Actions;
import io.slurmops.commands.runbook.ArgvActions;
import io.slurmops.commands.runbook.AssocActions;
import io.slurmops.commands.runbook.DbTableActions;
import io.slurmops.commands.runbook.Service;
import io.slurmops.commands.runbook.Template;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.slurm.NodeRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one typed action on the cluster as argv through the site's service manager, Slurm clients and
 * transports. Actions that need what is not built yet fail loudly instead of passing.
 */
final class StepActions {

    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(10);

    private final ClusterAccess cluster;
    private final RunChecks checks;
    private final ControllerLog ctldLog;
    private final StateRecovery stateRecovery;
    private final DbActions db;

    StepActions(ClusterAccess cluster, RunChecks checks, DbActions db) {
        this.cluster = cluster;
        this.checks = checks;
        this.ctldLog = new ControllerLog(cluster);
        this.stateRecovery = new StateRecovery(cluster, ctldLog);
        this.db = db;
    }

    Outcome run(Action action, RunValues values) {
        // Java 17: no pattern switch; the sealed Action set is covered one by one, unknown ones fail.
        if (action instanceof Actions.Service s) {
            return service(s, values);
        } else if (action instanceof Actions.CopyDirectory c) {
            return copy(c, values);
        } else if (action instanceof ArgvActions.Scontrol s) {
            return one(cluster.slurm(withArgs(List.of("scontrol"), s.args(), values)));
        } else if (action instanceof ArgvActions.Sacctmgr s) {
            return one(cluster.slurm(withArgs(List.of("sacctmgr", "-i"), s.args(), values)));
        } else if (action instanceof ArgvActions.RawArgv r) {
            return fold(cluster.onNodes(ClusterHosts.resolve(cluster, values, r.on()), withArgs(List.of(), r.argv(), values)));
        } else if (action instanceof Actions.ResumeNodesSetDown) {
            return resume(values);
        } else if (action instanceof Actions.WaitUntil w) {
            return checks.waitFor(w.until(), w.timeout(), values);
        } else if (action instanceof Actions.UseOldState u) {
            return stateRecovery.useOldState(u, values);
        } else if (action instanceof Actions.DbDump d) {
            return db.dump(d, values);
        } else if (action instanceof Actions.DbRestore r) {
            return db.restore(r, values);
        } else if (action instanceof DbTableActions.CopyDamagedTables c) {
            return db.tables().copy(values.bind(c.to()), values);
        } else if (action instanceof DbTableActions.RepairTables r) {
            return db.tables().repair(r.useFrm(), values);
        } else if (action instanceof AssocActions.DumpAssociations d) {
            return db.assoc().dump(values.bind(d.to()), values);
        } else if (action instanceof AssocActions.RecreateDb) {
            return db.assoc().recreate();
        } else if (action instanceof AssocActions.LoadAssociations l) {
            return db.assoc().load(values.bind(l.from()), values);
        } else if (action instanceof Actions.ClearState c) {
            return one(cluster.onController(List.of("find", values.bind(c.dir()), "-mindepth", "1", "-delete"),
                    COPY_TIMEOUT));
        }
        return Outcome.notImplemented("action " + action.kind());
    }

    private Outcome service(Actions.Service s, RunValues values) {
        if (s.service() == Service.SLURMCTLD && s.verb() != Action.Verb.STOP) {
            ctldLog.mark(values);      // controller-log-says reads what this start logs
        }
        if (s.ignoreState()) {
            return stateRecovery.startIgnoringState(cluster.site().unit(s.service().label()));
        }
        List<String> hosts = ClusterHosts.resolve(cluster, values, s.on());
        boolean nodes = s.service().onNodes();
        if (nodes && s.verb() == Action.Verb.STOP) {
            rememberNodesSetDown(hosts, values);
        }
        List<String> argv = new ArrayList<>(nodes ? cluster.site().nodeServiceManager() : cluster.site().serviceManager());
        argv.add(s.verb().label());
        argv.add(cluster.site().unit(s.service().label()));
        return fold(cluster.onNodes(hosts, argv));
    }

    /** Nodes this run takes down: those not already drained or down (people's drains keep their state). */
    private void rememberNodesSetDown(List<String> hosts, RunValues values) {
        Map<String, NodeRecord> known = ClusterHosts.nodes(cluster);
        Set<String> down = new LinkedHashSet<>(ClusterHosts.hosts(values.get(RunValues.NODES_SET_DOWN)));
        for (String h : hosts) {
            NodeRecord n = known.get(h);
            if (n != null && !n.state().isDrain() && !n.state().isDown()) {
                down.add(h);
            }
        }
        values.record(RunValues.NODES_SET_DOWN, Hostlist.compress(down));
    }

    /** Copies on the controller with cp -a, after recording the source's manifest on the run for the check. */
    private Outcome copy(Actions.CopyDirectory c, RunValues values) {
        String from = values.bind(c.from());
        String to = values.bind(c.to());
        values.record(RunValues.MANIFEST_PREFIX + to, Manifests.of(cluster, from));
        String parent = to.substring(0, Math.max(1, to.lastIndexOf('/')));
        ExecResult mkdir = cluster.onController(List.of("mkdir", "-p", "--", parent), COPY_TIMEOUT);
        if (!mkdir.ok()) {
            return one(mkdir);
        }
        return one(cluster.onController(List.of("cp", "-a", "--", from, to), COPY_TIMEOUT));
    }

    /** Resumes the nodes this run set down that slurmctld still has down or drained; idle ones need nothing. */
    private Outcome resume(RunValues values) {
        List<String> mine = ClusterHosts.hosts(values.get(RunValues.NODES_SET_DOWN));
        Map<String, NodeRecord> known = ClusterHosts.nodes(cluster);
        List<String> todo = mine.stream().filter(h -> known.containsKey(h)
                && (known.get(h).state().isDown() || known.get(h).state().isDrain())).toList();
        if (todo.isEmpty()) {
            return Outcome.ok(mine.isEmpty() ? "this run set no node down" : "every node this run set down is back");
        }
        return one(cluster.slurm("scontrol", "update", "NodeName=" + Hostlist.compress(todo), "State=RESUME"));
    }

    private static List<String> withArgs(List<String> head, List<Template> args, RunValues values) {
        List<String> argv = new ArrayList<>(head);
        args.forEach(t -> argv.add(values.bind(t)));
        return argv;
    }

    static Outcome one(ExecResult r) {
        return fold(List.of(r));
    }

    static Outcome fold(List<ExecResult> results) {
        FoldedResults f = FoldedResults.fold(results);
        if (results.isEmpty()) {
            return Outcome.ok("no host in the set");
        }
        return new Outcome(f.allOk(), f.render());
    }

}
