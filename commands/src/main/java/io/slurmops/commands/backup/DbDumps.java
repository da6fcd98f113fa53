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
 * A load joins those rows into multi-row INSERTs first ({@link DumpScripts#BATCH}): one statement and
 * one commit per row made a restore of 10^5 rows take minutes.
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

    /** Rows per table as the dump's lines hold them; throws when the dump is cut short or malformed. */
    private static Map<String, Long> countRows(ClusterAccess cluster, String host, String plain) {
        DumpScripts.Summary s = summarize(cluster, host, plain);
        if (!s.defect().isEmpty()) {
            throw new IllegalStateException(s.defect());
        }
        return s.rows();
    }

    /** One pass over a plain dump: its tables, rows per table, malformed lines and whether it is complete. */
    static DumpScripts.Summary summarize(ClusterAccess cluster, String host, String plain) {
        return DumpScripts.Summary.parse(HostFiles.must(cluster, host, "reading the dump's tables and rows",
                List.of("awk", DumpScripts.SUMMARY, plain)).stdout());
    }

    /** Writes {@code out}: the dump with its rows joined into multi-row INSERTs, or its schema alone. */
    static void batch(ClusterAccess cluster, String host, String plain, String out, boolean schemaOnly) {
        HostFiles.must(cluster, host, schemaOnly ? "extracting the dump's schema" : "batching the dump's rows",
                DumpScripts.batchArgv(plain, out, schemaOnly));
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
            batch(cluster, host, work + "/dump.sql", work + "/load.sql", false);
            List<String> load = admin("mariadb");
            load.addAll(List.of("--database=" + settings.database(), "-e", "source " + work + "/load.sql"));
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
    static String unpack(ClusterAccess cluster, String host, String gzFile) {
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

    static Map<String, Long> rows(ClusterAccess cluster, String host, List<String> client, List<String> tables) {
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
