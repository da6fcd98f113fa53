package io.slurmops.commands.backup;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dumps of the accounting database on the dbd host, each command an argv (a shell pipe becomes two
 * steps: mariadb-dump writes a file, gzip compresses it). Rows are dumped one INSERT per line
 * ({@code --skip-extended-insert}) so that the dump's own row counts can be counted from the file:
 * the counts then describe exactly the snapshot the dump holds, which a second query could not.
 */
final class DbDumps {

    private static final String VERIFY_DIR = "/tmp/slurmops-verify.XXXXXX";

    private final BackupSettings settings;

    DbDumps(BackupSettings settings) {
        this.settings = settings;
    }

    /** Dumps into {@code gzFile} (ending .gz) and returns the rows per table counted in the dump. */
    Map<String, Long> dump(ClusterAccess cluster, String gzFile) {
        String host = cluster.site().dbdHost();
        String plain = gzFile.substring(0, gzFile.length() - ".gz".length());
        HostFiles.mkdirPrivate(cluster, host, plain.substring(0, plain.lastIndexOf('/')));
        List<String> argv = admin("mariadb-dump");
        argv.addAll(List.of("--single-transaction", "--skip-extended-insert", "--skip-dump-date",
                "--result-file=" + plain, settings.database()));
        HostFiles.must(cluster, host, "mariadb-dump of " + settings.database(), argv);
        Map<String, Long> rows = countRows(cluster, host, plain);
        HostFiles.must(cluster, host, "gzip of the dump", List.of("gzip", "-n", "-f", "--", plain));
        return rows;
    }

    /** Rows per table as the dump's lines hold them: one {@code INSERT INTO `t` VALUES} line per row. */
    private static Map<String, Long> countRows(ClusterAccess cluster, String host, String plain) {
        ExecResult tables = HostFiles.run(cluster, host, List.of("grep", "-o", "^CREATE TABLE `[^`]*`", "--", plain));
        if (!tables.ran() || tables.exitCode() > 1) {
            throw new IllegalStateException("cannot read the dump's tables: " + tables.outcome());
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String line : tables.stdout().lines().filter(l -> !l.isBlank()).toList()) {
            String t = line.substring("CREATE TABLE `".length(), line.length() - 1);
            ExecResult c = HostFiles.run(cluster, host, List.of("grep", "-c", "^INSERT INTO `" + t + "` VALUES ", "--", plain));
            if (!c.ran() || c.exitCode() > 1) {
                throw new IllegalStateException("cannot count the rows of " + t + " in the dump: " + c.outcome());
            }
            rows.put(t, Long.parseLong(c.stdout().strip()));
        }
        return rows;
    }

    /** Restores the dump into the scratch schema and returns its rows per table; the schema is dropped after. */
    Map<String, Long> scratchRows(ClusterAccess cluster, String gzFile, List<String> tables) {
        ScratchDb scratch = settings.scratch().orElseThrow(() -> new IllegalStateException(
                "no scratch account configured (backups.scratch), so the dump cannot be verified"));
        String host = cluster.site().dbdHost();
        String work = unpack(cluster, host, gzFile);
        try {
            String cnf = work + "/client.cnf";
            HostFiles.write(cluster, host, cnf, scratch.clientFile());
            String s = "`" + scratch.schema() + "`";
            HostFiles.must(cluster, host, "emptying the scratch schema", List.of("mariadb", "--defaults-extra-file=" + cnf,
                    "-e", "DROP DATABASE IF EXISTS " + s + "; CREATE DATABASE " + s));
            try {
                HostFiles.must(cluster, host, "the scratch restore", List.of("mariadb", "--defaults-extra-file=" + cnf,
                        "--database=" + scratch.schema(), "-e", "source " + work + "/dump.sql"));
                return rows(cluster, host, List.of("mariadb", "--defaults-extra-file=" + cnf, "--database=" + scratch.schema()), tables);
            } finally {
                HostFiles.run(cluster, host, List.of("mariadb", "--defaults-extra-file=" + cnf, "-e", "DROP DATABASE IF EXISTS " + s));
            }
        } finally {
            HostFiles.run(cluster, host, List.of("rm", "-rf", "--", work));
        }
    }

    /**
     * Replaces the live accounting database with the dump (slurmdbd must be stopped) and returns the
     * tables whose rows differ from the dump's own counts (empty: restored completely).
     */
    List<String> restoreLive(ClusterAccess cluster, String gzFile) {
        String host = cluster.site().dbdHost();
        String work = unpack(cluster, host, gzFile);
        Map<String, Long> expected;
        try {
            expected = countRows(cluster, host, work + "/dump.sql");
            String db = "`" + settings.database() + "`";
            List<String> drop = admin("mariadb");
            drop.addAll(List.of("-e", "DROP DATABASE IF EXISTS " + db + "; CREATE DATABASE " + db));
            HostFiles.must(cluster, host, "recreating " + settings.database(), drop);
            List<String> load = admin("mariadb");
            load.addAll(List.of("--database=" + settings.database(), "-e", "source " + work + "/dump.sql"));
            HostFiles.must(cluster, host, "loading the dump into " + settings.database(), load);
        } finally {
            HostFiles.run(cluster, host, List.of("rm", "-rf", "--", work));
        }
        return compare(expected, liveRows(cluster, List.copyOf(expected.keySet())));
    }

    /** The tables whose live rows differ from the rows counted in the dump. */
    List<String> compareLive(ClusterAccess cluster, String gzFile) {
        String host = cluster.site().dbdHost();
        String work = unpack(cluster, host, gzFile);
        Map<String, Long> expected;
        try {
            expected = countRows(cluster, host, work + "/dump.sql");
        } finally {
            HostFiles.run(cluster, host, List.of("rm", "-rf", "--", work));
        }
        return compare(expected, liveRows(cluster, List.copyOf(expected.keySet())));
    }

    /** The live database's rows for these tables now. */
    Map<String, Long> liveRows(ClusterAccess cluster, List<String> tables) {
        List<String> client = admin("mariadb");
        client.add("--database=" + settings.database());
        return rows(cluster, cluster.site().dbdHost(), client, tables);
    }

    /** A private temporary directory on the host holding {@code dump.sql}, unpacked from the gzipped dump. */
    private static String unpack(ClusterAccess cluster, String host, String gzFile) {
        String work = HostFiles.must(cluster, host, "mktemp", List.of("mktemp", "-d", VERIFY_DIR)).stdout().strip();
        try {
            HostFiles.must(cluster, host, "copying the dump", List.of("cp", "--", gzFile, work + "/dump.sql.gz"));
            HostFiles.must(cluster, host, "gunzip of the dump", List.of("gzip", "-d", "--", work + "/dump.sql.gz"));
            return work;
        } catch (RuntimeException e) {
            HostFiles.run(cluster, host, List.of("rm", "-rf", "--", work));
            throw e;
        }
    }

    private static Map<String, Long> rows(ClusterAccess cluster, String host, List<String> client, List<String> tables) {
        Map<String, Long> rows = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return rows;
        }
        List<String> selects = new ArrayList<>();
        for (String t : tables) {
            if (!t.matches("[A-Za-z0-9_$]+")) {
                throw new IllegalStateException("unexpected table name in the dump: " + t);
            }
            selects.add("SELECT '" + t + "', COUNT(*) FROM `" + t + "`");
        }
        List<String> argv = new ArrayList<>(client);
        argv.addAll(List.of("-N", "-B", "-e", String.join(" UNION ALL ", selects)));
        ExecResult r = HostFiles.must(cluster, host, "counting rows", argv);
        for (String line : r.stdout().lines().filter(l -> !l.isBlank()).toList()) {
            String[] f = line.split("\t");
            rows.put(f[0], Long.parseLong(f[1].strip()));
        }
        return rows;
    }

    private List<String> admin(String program) {
        List<String> argv = new ArrayList<>(List.of(program));
        if (!settings.clientDefaults().isEmpty()) {
            argv.add("--defaults-file=" + settings.clientDefaults());
        }
        return argv;
    }

    /** Empty when equal; otherwise the tables whose counts differ. */
    static List<String> compare(Map<String, Long> expected, Map<String, Long> actual) {
        List<String> out = new ArrayList<>();
        expected.forEach((t, n) -> {
            Long got = actual.get(t);
            if (!n.equals(got)) {
                out.add(t + ": " + (got == null ? "missing" : got + " rows") + ", the dump holds " + n);
            }
        });
        return out;
    }

    static String encode(Map<String, Long> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach((t, n) -> out.add(t + "=" + n));
        return String.join(",", out);
    }

    static Map<String, Long> decode(String text) {
        Map<String, Long> rows = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String kv : text.split(",")) {
                int eq = kv.indexOf('=');
                rows.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
            }
        }
        return rows;
    }
}
