package io.slurmops.commands.backup;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.site.ClusterAccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a dump in the scratch schema with the scratch account (rights there only). Within the
 * {@link VerifyLimits}, the dump is loaded in multi-row INSERTs, its rows per table counted and the
 * restored schema dumped again and compared row by row with the dump; beyond them, only its schema is
 * loaded and its completeness, form and counts are checked. The schema is dropped after either way.
 */
final class ScratchVerifier {

    private final BackupSettings settings;
    private final ScratchDb scratch;

    ScratchVerifier(BackupSettings settings) {
        this.settings = settings;
        this.scratch = settings.scratch().orElseThrow(() -> new IllegalStateException(
                "no scratch account configured (backups.scratch), so the dump cannot be verified"));
    }

    /** Verifies the gzipped dump against the rows per table recorded when it was made. */
    DumpCheck verify(ClusterAccess cluster, String gzFile, Map<String, Long> recorded) {
        String host = cluster.site().dbdHost();
        String work = DbDumps.unpack(cluster, host, gzFile);
        try {
            String dump = work + "/dump.sql";
            DumpScripts.Summary summary = DbDumps.summarize(cluster, host, dump);
            List<String> problems = new ArrayList<>();
            if (!summary.defect().isEmpty()) {
                problems.add(summary.defect());
            }
            problems.addAll(DbDumps.compare(recorded, summary.rows()));
            if (!problems.isEmpty()) {
                return new DumpCheck(false, recorded, problems, "");
            }
            String cnf = work + "/client.cnf";
            HostFiles.write(cluster, host, cnf, scratch.clientFile());
            try {
                VerifyLimits limits = settings.verify();
                if (limits.restoresWhole(summary.total())) {
                    String timedOut = restoreWhole(cluster, host, work, cnf, recorded, problems);
                    if (timedOut.isEmpty() || !problems.isEmpty()) {
                        return new DumpCheck(true, recorded, problems, "");
                    }
                    return structure(cluster, host, work, cnf, recorded, timedOut);
                }
                return structure(cluster, host, work, cnf, recorded, "the dump holds " + summary.total()
                        + " rows, over backups.verify.maxRows " + limits.maxRows());
            } finally {
                HostFiles.run(cluster, host, client(cnf, "-e", "DROP DATABASE IF EXISTS " + quoted()));
            }
        } finally {
            HostFiles.run(cluster, host, List.of("rm", "-rf", "--", work));
        }
    }

    /**
     * Loads every row, compares the counts and the rows themselves; adds what differs to {@code problems}.
     * Returns why it stopped short when the load hit the time limit (nothing is concluded then), else empty.
     */
    private String restoreWhole(ClusterAccess cluster, String host, String work, String cnf, Map<String, Long> recorded,
                                List<String> problems) {
        String load = work + "/load.sql";
        DbDumps.batch(cluster, host, work + "/dump.sql", load, false);
        emptySchema(cluster, host, cnf);
        ExecResult r = HostFiles.run(cluster, host, client(cnf, "--database=" + scratch.schema(), "-e", "source " + load),
                settings.verify().timeout());
        if (r.failure() == FailureKind.TIMEOUT) {
            return "the whole restore did not finish within backups.verify.timeout " + settings.verify().timeout().toSeconds() + "s";
        }
        if (!r.ok()) {
            problems.add("the dump does not restore: " + r.outcome() + " " + r.stderr().strip());
            return "";
        }
        problems.addAll(DbDumps.compare(recorded, DbDumps.rows(cluster, host,
                client(cnf, "--database=" + scratch.schema()), List.copyOf(recorded.keySet()))));
        if (problems.isEmpty()) {
            problems.addAll(sameRows(cluster, host, work, cnf));
        }
        return "";
    }

    /** The restored schema dumped again has exactly the dump's rows, in the same order (primary key). */
    private List<String> sameRows(ClusterAccess cluster, String host, String work, String cnf) {
        String again = work + "/again.sql";
        HostFiles.must(cluster, host, "dumping the scratch schema again", List.of("mariadb-dump", "--defaults-extra-file=" + cnf,
                "--single-transaction", "--skip-extended-insert", "--skip-dump-date", "--result-file=" + again, scratch.schema()));
        ExecResult r = HostFiles.must(cluster, host, "comparing the restored rows", List.of("awk", "-v", "other=" + again,
                DumpScripts.SAME_ROWS, work + "/dump.sql"));
        String[] f = r.stdout().strip().split("\t");
        return switch (f[0]) {
            case "same" -> List.of();
            case "differs" -> List.of(f[1] + ": a restored row differs from the dump's");
            case "missing" -> List.of(f[1] + ": rows of the dump are missing after the restore");
            case "extra" -> List.of(f[1] + ": the restore holds rows the dump does not");
            default -> List.of("cannot compare the restored rows: " + r.stdout().strip());
        };
    }

    /** Loads the schema alone: every table of the dump must come back (empty). */
    private DumpCheck structure(ClusterAccess cluster, String host, String work, String cnf, Map<String, Long> recorded,
                                String why) {
        String schema = work + "/schema.sql";
        DbDumps.batch(cluster, host, work + "/dump.sql", schema, true);
        emptySchema(cluster, host, cnf);
        List<String> problems = new ArrayList<>();
        ExecResult r = HostFiles.run(cluster, host, client(cnf, "--database=" + scratch.schema(), "-e", "source " + schema));
        if (!r.ok()) {
            problems.add("the dump's schema does not restore: " + r.outcome() + " " + r.stderr().strip());
        } else {
            List<String> tables = HostFiles.must(cluster, host, "listing the scratch schema's tables",
                    client(cnf, "--database=" + scratch.schema(), "-N", "-B", "-e", "SHOW TABLES")).stdout().lines().map(String::strip).toList();
            recorded.keySet().stream().filter(t -> !tables.contains(t)).forEach(t -> problems.add(t + ": not in the restored schema"));
        }
        return new DumpCheck(false, recorded, problems, why);
    }

    private void emptySchema(ClusterAccess cluster, String host, String cnf) {
        HostFiles.must(cluster, host, "emptying the scratch schema", client(cnf, "-e",
                "DROP DATABASE IF EXISTS " + quoted() + "; CREATE DATABASE " + quoted()));
    }

    private String quoted() {
        return "`" + scratch.schema() + "`";
    }

    private static List<String> client(String cnf, String... args) {
        List<String> argv = new ArrayList<>(List.of("mariadb", "--defaults-extra-file=" + cnf));
        argv.addAll(List.of(args));
        return argv;
    }
}
