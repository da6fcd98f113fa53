package io.slurmops.commands.runbook.run;

import io.slurmops.commands.backup.BackupSettings;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.runbook.Check;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Slide 8 on the dbd host: which accounting tables CHECK TABLE finds damaged, a checksummed copy of
 * their files (a dump of a crashed table fails, so the files are the backup), and their repair.
 * {@code mysqlcheck --repair} exits 0 even when it cannot repair (verified on the lab), so success is
 * never read from an exit code: a fresh CHECK TABLE decides.
 */
final class DamagedTables {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String NAME = "[A-Za-z0-9_$]+";

    private final ClusterAccess cluster;
    private final BackupSettings settings;

    /** @param settings null without backups: the steps then fail loudly (no database name, no admin client) */
    DamagedTables(ClusterAccess cluster, BackupSettings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    /** The check {@code db-tables-ok} / {@code db-tables-damaged}, naming each damaged table and why. */
    Outcome check(Check.DbTables c) {
        if (settings == null) {
            return unconfigured("check " + c.kind());
        }
        Map<String, String> damaged = damaged();
        String text = damaged.isEmpty() ? "CHECK TABLE: every table of " + settings.database() + " is OK"
                : "CHECK TABLE finds damaged: " + list(damaged);
        return new Outcome(damaged.isEmpty() == c.ok(), text);
    }

    /** FLUSH TABLES, then the damaged tables' files copied to {@code to} with their manifest recorded for the check. */
    Outcome copy(String to, RunValues values) {
        if (settings == null) {
            return unconfigured("action db-copy-damaged-tables");
        }
        String host = cluster.site().dbdHost();
        try {
            Map<String, String> damaged = damaged();
            must("creating " + to, List.of("mkdir", "-p", "-m", "700", "--", to));
            values.record(RunValues.MANIFEST_HOST_PREFIX + to, host);
            values.record(RunValues.DAMAGED_TABLES, String.join(",", damaged.keySet()));
            if (damaged.isEmpty()) {
                values.record(RunValues.MANIFEST_PREFIX + to, "");
                return Outcome.ok("CHECK TABLE finds no damaged table in " + settings.database() + ": nothing to copy");
            }
            sql("FLUSH TABLES " + damaged.keySet().stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")));
            String dir = sql("SELECT @@datadir").strip().replaceAll("/+$", "") + "/" + settings.database();
            List<String> files = new ArrayList<>();
            for (String t : damaged.keySet()) {
                must("listing the files of " + t, List.of("find", dir, "-maxdepth", "1", "-type", "f", "-name", t + ".*"))
                        .stdout().lines().filter(l -> !l.isBlank()).forEach(files::add);
            }
            values.record(RunValues.MANIFEST_PREFIX + to, manifest(dir, files));
            List<String> cp = new ArrayList<>(List.of("cp", "-a", "--"));
            cp.addAll(files);
            cp.add(to + "/");
            must("copying the table files", cp);
            return Outcome.ok("flushed and copied " + files.size() + " file(s) of " + String.join(", ", damaged.keySet())
                    + " from " + dir + " to " + to + " on " + host + "\n" + list(damaged));
        } catch (RuntimeException e) {
            return Outcome.failed("the copy of the damaged tables failed: " + e.getMessage());
        }
    }

    /** Repairs the tables the copy recorded and still damaged now; a fresh CHECK TABLE (the step's check) decides. */
    Outcome repair(boolean useFrm, RunValues values) {
        String what = useFrm ? "REPAIR TABLE … USE_FRM" : "mysqlcheck --repair";
        if (settings == null) {
            return unconfigured("action db-repair-tables");
        }
        String recorded = values.get(RunValues.DAMAGED_TABLES);
        if (recorded == null) {
            return Outcome.failed("no damaged tables recorded: db-copy-damaged-tables did not run in this run, so no copy"
                    + " protects a repair");
        }
        try {
            List<String> backedUp = recorded.isBlank() ? List.of() : List.of(recorded.split(","));
            Map<String, String> now = damaged();
            List<String> todo = backedUp.stream().filter(now::containsKey).toList();
            List<String> out = new ArrayList<>();
            now.keySet().stream().filter(t -> !backedUp.contains(t)).forEach(t -> out.add(t
                    + ": damaged but not in this run's copy, so not repaired (run the runbook again)"));
            if (todo.isEmpty()) {
                out.add(0, "none of the copied tables is damaged now: nothing for " + what);
                return Outcome.ok(String.join("\n", out));
            }
            for (String t : todo) {
                ExecResult r = useFrm ? run(client(List.of("-e", "REPAIR TABLE `" + t + "` USE_FRM")))
                        : run(admin("mysqlcheck", List.of("--repair", settings.database(), t)));
                out.add(what + " " + t + ": " + r.outcome() + "\n" + (r.stdout() + r.stderr()).strip());
            }
            return Outcome.ok(String.join("\n", out));
        } catch (RuntimeException e) {
            return Outcome.failed(what + " could not run: " + e.getMessage());
        }
    }

    /** Every damaged table with its first complaint: CHECK TABLE on all tables of the database. */
    Map<String, String> damaged() {
        List<String> tables = sql("SHOW TABLES").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        Map<String, String> damaged = new TreeMap<>();
        if (tables.isEmpty()) {
            return damaged;
        }
        for (String t : tables) {
            if (!t.matches(NAME)) {
                throw new IllegalStateException("unexpected table name " + t);
            }
        }
        String rows = sql("CHECK TABLE " + tables.stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")));
        return parseCheck(rows);
    }

    /**
     * Rows of CHECK TABLE in batch mode ("db.table, op, type, text") to the tables with an error or
     * warning and no "status OK" row. A table with only a note (an engine that cannot check) is not damaged.
     */
    static Map<String, String> parseCheck(String rows) {
        Map<String, String> complaint = new LinkedHashMap<>();
        Map<String, Boolean> ok = new LinkedHashMap<>();
        for (String line : rows.lines().filter(l -> !l.isBlank()).toList()) {
            String[] f = line.split("\t", 4);
            if (f.length < 4) {
                continue;
            }
            String table = f[0].contains(".") ? f[0].substring(f[0].indexOf('.') + 1) : f[0];
            boolean statusOk = f[2].equalsIgnoreCase("status") && f[3].equalsIgnoreCase("OK");
            ok.merge(table, statusOk, Boolean::logicalOr);
            if (!statusOk && !f[2].equalsIgnoreCase("note")) {
                complaint.putIfAbsent(table, f[3]);
            }
        }
        Map<String, String> damaged = new TreeMap<>();
        ok.forEach((t, good) -> {
            if (!good && complaint.containsKey(t)) {
                damaged.put(t, complaint.get(t));
            }
        });
        return damaged;
    }

    private String manifest(String dir, List<String> files) {
        List<String> argv = new ArrayList<>(List.of("sha256sum", "--"));
        argv.addAll(files);
        TreeMap<String, String> byName = new TreeMap<>();
        for (String line : must("checksumming the table files", argv).stdout().lines().filter(l -> !l.isBlank()).toList()) {
            int sep = line.indexOf("  ");
            String path = line.substring(sep + 2);
            byName.put(path.substring(path.lastIndexOf('/') + 1), line.substring(0, sep));
        }
        StringBuilder b = new StringBuilder();
        byName.forEach((name, hash) -> b.append(hash).append("  ").append(name).append('\n'));
        return b.toString();
    }

    private String sql(String statement) {
        return must("`" + statement.split(" ")[0] + " …` on " + settings.database(),
                client(List.of("-N", "-B", "-e", statement))).stdout();
    }

    private List<String> client(List<String> args) {
        List<String> argv = admin("mariadb", List.of("--database=" + settings.database()));
        argv.addAll(args);
        return argv;
    }

    private List<String> admin(String program, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(program));
        if (!settings.clientDefaults().isEmpty()) {
            argv.add("--defaults-file=" + settings.clientDefaults());
        }
        argv.addAll(args);
        return argv;
    }

    private ExecResult run(List<String> argv) {
        return cluster.transport().exec(new HostCommand(cluster.site().dbdHost(), argv, TIMEOUT));
    }

    private ExecResult must(String what, List<String> argv) {
        ExecResult r = run(argv);
        if (!r.ok()) {
            throw new IllegalStateException(what + " failed on " + cluster.site().dbdHost() + ": " + r.outcome() + " "
                    + r.stderr().strip());
        }
        return r;
    }

    private static String list(Map<String, String> damaged) {
        return damaged.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "));
    }

    private static Outcome unconfigured(String what) {
        return Outcome.failed(what + " not implemented here: this engine has no backup service (configure backups:)");
    }
}
