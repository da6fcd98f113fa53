package io.slurmops.commands.backup;

import io.slurmops.commands.plan.Step;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The frozen argv steps that put one part of a backup back, each ending with a step that fails when
 * the result differs from the backup: {@code diff -r -q} for a directory (names only, never content),
 * and for the database a check that signals an error unless every table has the dump's row count.
 */
final class RestoreSteps {

    private static final Duration COPY = Duration.ofMinutes(10);
    private static final Duration LOAD = Duration.ofHours(2);

    private RestoreSteps() {
    }

    /** Replaces directory {@code live} on the controller with the backup's copy {@code from}. */
    static List<Step> directory(ClusterAccess cluster, Part part, String from, String live) {
        String host = cluster.site().controller();
        return List.of(
                Step.onController(host, "Empty " + live + " (its copy is in the safety backup)",
                        List.of("find", live, "-mindepth", "1", "-delete"), COPY),
                Step.onController(host, "Copy the backup's " + part.label() + " into " + live + " (modes kept)",
                        List.of("cp", "-a", "--", from + "/.", live + "/"), COPY),
                Step.onController(host, "Check that " + live + " now equals the backup",
                        List.of("diff", "-r", "-q", "--", from, live), COPY));
    }

    /** Replaces the accounting database with the dump {@code gzFile}; {@code work} is a fresh private directory. */
    static List<Step> database(ClusterAccess cluster, BackupSettings s, String gzFile, String work, Map<String, Long> rows) {
        String host = cluster.site().dbdHost();
        String db = s.database();
        List<Step> out = new ArrayList<>();
        out.add(Step.onController(host, "Make a private work directory", List.of("mkdir", "-m", "700", "--", work), COPY));
        out.add(Step.onController(host, "Copy the dump", List.of("cp", "--", gzFile, work + "/dump.sql.gz"), COPY));
        out.add(Step.onController(host, "Unpack the dump", List.of("gzip", "-d", "--", work + "/dump.sql.gz"), COPY));
        out.add(Step.onController(host, "Drop and recreate " + db + " (its copy is in the safety backup)",
                admin(s, "-e", "DROP DATABASE IF EXISTS `" + db + "`; CREATE DATABASE `" + db + "`"), COPY));
        out.add(Step.onController(host, "Join the dump's rows into multi-row INSERTs (one statement per row is slow)",
                DumpScripts.batchArgv(work + "/dump.sql", work + "/load.sql", false), COPY));
        out.add(Step.onController(host, "Load the dump into " + db,
                admin(s, "--database=" + db, "-e", "source " + work + "/load.sql"), LOAD));
        out.add(Step.onController(host, "Remove the work directory", List.of("rm", "-rf", "--", work), COPY));
        out.add(Step.onController(host, "Check that every table has the dump's row count",
                admin(s, "--database=" + db, "--delimiter=//", "-e", rowCheck(rows)), COPY));
        return out;
    }

    /** One compound statement that raises an error naming the first table whose rows differ. */
    static String rowCheck(Map<String, Long> rows) {
        StringBuilder b = new StringBuilder("BEGIN NOT ATOMIC DO 0; ");
        rows.forEach((t, n) -> {
            if (!t.matches("[A-Za-z0-9_$]+")) {
                throw new IllegalArgumentException("unexpected table name " + t);
            }
            b.append("IF (SELECT COUNT(*) FROM `").append(t).append("`) <> ").append(n)
                    .append(" THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '").append(t).append(": not ").append(n)
                    .append(" rows as in the dump'; END IF; ");
        });
        return b.append("END//").toString();
    }

    private static List<String> admin(BackupSettings s, String... args) {
        List<String> argv = new ArrayList<>(List.of("mariadb"));
        if (!s.clientDefaults().isEmpty()) {
            argv.add("--defaults-file=" + s.clientDefaults());
        }
        argv.addAll(List.of(args));
        return argv;
    }
}
