package io.slurmops.commands.runbook.run;

import io.slurmops.commands.backup.BackupSettings;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.runbook.Check;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Slide 15 on the cluster: the associations dumped while slurmdbd answers, the database dropped and
 * created with its grants again, and the associations loaded back. Verified on the lab: the dump
 * holds no QOS, and a load on a fresh database fails on every QOS but {@code normal}, so the QOS are
 * recorded with the dump and added before the load.
 */
final class AssocSteps {

    static final String QOS_PREFIX = "assocQos:";
    static final String LIST_PREFIX = "assocList:";
    private static final String QOS_FORMAT = "format=Name,Priority,MaxWall,Flags,MaxTRESPU,MaxJobsPU";
    private static final List<String> QOS_OPTIONS = List.of("", "Priority=", "MaxWall=", "Flags=", "MaxTRESPerUser=",
            "MaxJobsPerUser=");
    private static final String SAFE = "[A-Za-z0-9_.%:-]+";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ClusterAccess cluster;
    private final BackupSettings settings;

    AssocSteps(ClusterAccess cluster, BackupSettings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    Outcome dump(String to, RunValues values) {
        String name = cluster.site().clusterName();
        ExecResult mkdir = cluster.onController(List.of("mkdir", "-p", "-m", "700", "--", to.substring(0, Math.max(1,
                to.lastIndexOf('/')))), TIMEOUT);
        if (!mkdir.ok()) {
            return StepActions.one(mkdir);
        }
        ExecResult dump = cluster.slurm("sacctmgr", "-i", "dump", name, "file=" + to);
        if (!dump.ok()) {
            return Outcome.failed("sacctmgr dump " + name + " failed: " + dump.outcome() + " " + dump.combinedOutput().strip());
        }
        ExecResult qos = cluster.slurm("sacctmgr", "-n", "-P", "show", "qos", QOS_FORMAT);
        if (!qos.ok()) {
            return Outcome.failed("sacctmgr show qos failed: " + qos.outcome());
        }
        List<String> assoc = associations();
        values.record(QOS_PREFIX + to, qos.stdout().strip());
        values.record(LIST_PREFIX + to, String.join("\n", assoc));
        return Outcome.ok("dumped " + assoc.size() + " association(s) of " + name + " to " + to + "; QOS: "
                + qos.stdout().lines().map(l -> l.split("\\|", -1)[0]).collect(Collectors.joining(", ")));
    }

    /** Refused while slurmdbd runs; the users granted on the database before are granted on the new one. */
    Outcome recreate() {
        if (settings == null) {
            return Outcome.failed("action db-recreate not implemented here: this engine has no backup service (configure backups:)");
        }
        List<String> active = new ArrayList<>(cluster.site().serviceManager());
        active.addAll(List.of("is-active", cluster.site().unit("slurmdbd")));
        if (cluster.onHost(cluster.site().dbdHost(), active).ok()) {
            return Outcome.failed("slurmdbd is running on " + cluster.site().dbdHost() + "; stop it before the database is dropped");
        }
        String db = settings.database();
        try {
            List<String> grants = mariadb("SELECT User, Host FROM mysql.db WHERE Db = '" + db + "'").lines()
                    .filter(l -> !l.isBlank()).map(l -> l.split("\t")).filter(f -> f.length == 2
                            && f[0].matches(SAFE) && f[1].matches(SAFE)).map(f -> "'" + f[0] + "'@'" + f[1] + "'").toList();
            mariadb("DROP DATABASE IF EXISTS `" + db + "`; CREATE DATABASE `" + db + "`");
            for (String g : grants) {
                mariadb("GRANT ALL PRIVILEGES ON `" + db + "`.* TO " + g);
            }
            return Outcome.ok("dropped and created " + db + "; granted ALL on it again to "
                    + (grants.isEmpty() ? "nobody (no grant on it before: grant slurmdbd's StorageUser by hand)" : String.join(", ", grants)));
        } catch (RuntimeException e) {
            return Outcome.failed("recreating " + db + " failed: " + e.getMessage());
        }
    }

    Outcome load(String from, RunValues values) {
        String qos = values.get(QOS_PREFIX + from);
        if (qos == null) {
            return Outcome.failed("no QOS recorded for " + from + " (assoc-dump did not run in this run)");
        }
        List<String> out = new ArrayList<>();
        Set<String> known = cluster.slurm("sacctmgr", "-n", "-P", "show", "qos", "format=Name").stdout().lines()
                .map(String::strip).collect(Collectors.toSet());
        for (String line : qos.lines().filter(l -> !l.isBlank()).toList()) {
            String[] f = line.split("\\|", -1);
            if (known.contains(f[0])) {
                continue;
            }
            List<String> argv = new ArrayList<>(List.of("sacctmgr", "-i", "add", "qos", f[0]));
            for (int i = 1; i < Math.min(f.length, QOS_OPTIONS.size()); i++) {
                if (!f[i].isBlank()) {
                    argv.add(QOS_OPTIONS.get(i) + f[i]);
                }
            }
            ExecResult add = cluster.slurm(argv);
            if (!add.ok()) {
                return Outcome.failed("adding QOS " + f[0] + " failed: " + add.outcome() + " " + add.combinedOutput().strip());
            }
            out.add("added QOS " + f[0]);
        }
        ExecResult load = cluster.slurm("sacctmgr", "-i", "load", "file=" + from);
        String text = load.combinedOutput().strip();
        out.add("sacctmgr load " + from + ": " + load.outcome() + "\n" + text);
        return new Outcome(load.ok() || text.contains("Nothing new added"), String.join("\n", out));
    }

    Outcome matches(Check.AssocMatchesDump c, RunValues values) {
        String dump = values.bind(c.dump());
        String recorded = values.get(LIST_PREFIX + dump);
        if (recorded == null) {
            return Outcome.failed("no associations recorded for " + dump + " (assoc-dump did not run in this run)");
        }
        List<String> want = recorded.lines().toList();
        List<String> got = associations();
        if (got.equals(want)) {
            return Outcome.ok(got.size() + " association(s), as when " + dump + " was taken");
        }
        List<String> diff = new ArrayList<>();
        want.stream().filter(a -> !got.contains(a)).forEach(a -> diff.add("missing " + a));
        got.stream().filter(a -> !want.contains(a)).forEach(a -> diff.add("new " + a));
        return Outcome.failed("the associations differ from " + dump + ": " + String.join(", ", diff));
    }

    /** account|user|partition of this cluster, sorted. */
    private List<String> associations() {
        ExecResult r = cluster.slurm("sacctmgr", "-n", "-P", "show", "assoc", "cluster=" + cluster.site().clusterName(),
                "format=Account,User,Partition");
        if (!r.ok()) {
            throw new IllegalStateException("sacctmgr show assoc failed: " + r.outcome() + " " + r.stderr().strip());
        }
        return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    private String mariadb(String statement) {
        List<String> argv = new ArrayList<>(List.of("mariadb"));
        if (!settings.clientDefaults().isEmpty()) {
            argv.add("--defaults-file=" + settings.clientDefaults());
        }
        argv.addAll(List.of("-N", "-B", "-e", statement));
        ExecResult r = cluster.transport().exec(new HostCommand(cluster.site().dbdHost(), argv, TIMEOUT));
        if (!r.ok()) {
            throw new IllegalStateException("`" + statement.split(" ")[0] + " …` failed on " + cluster.site().dbdHost()
                    + ": " + r.outcome() + " " + r.stderr().strip());
        }
        return r.stdout();
    }
}
