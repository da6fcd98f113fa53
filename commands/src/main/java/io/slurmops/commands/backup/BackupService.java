package io.slurmops.commands.backup;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes, verifies and lists backups under the backup root: one timestamped directory per backup with
 * a part per kind (state/, db/, config/), a SHA-256 manifest of every file and a metadata file. Every
 * backup is verified as it is made — a copy by its checksums against the source's manifest, a dump by
 * a restore into the scratch schema (bounded by backups.verify) — and a backup that fails is kept, marked failed and reported.
 */
public final class BackupService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int COPY_ATTEMPTS = 3;

    private final BackupSettings settings;
    private final Clock clock;
    private final DbDumps dumps;
    private final BackupCatalog catalog;
    private volatile Consumer<BackupMeta> onFailed = m -> { };

    public BackupService(BackupSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.dumps = new DbDumps(settings);
        this.catalog = new BackupCatalog(settings);
    }

    public BackupSettings settings() {
        return settings;
    }

    /** Told about every backup that fails verification (the alert path). */
    public void onVerificationFailed(Consumer<BackupMeta> listener) {
        this.onFailed = listener;
    }

    /** A backup of {@code kind} (state, db, config, all), verified; its metadata says how that went. */
    public BackupMeta backup(ClusterAccess cluster, String kind) {
        return take(cluster, Part.ofKind(kind), kind);
    }

    /** A verified backup of these parts, labelled {@code kind}, from where the cluster has them now. */
    public BackupMeta take(ClusterAccess cluster, List<Part> parts, String kind) {
        return take(cluster, parts, kind, Map.of());
    }

    /**
     * A verified backup of these parts, labelled {@code kind} (e.g. "pre-restore"); {@code from} names
     * the directory of a part when it is known already (a restore's target), else it is looked up.
     */
    public BackupMeta take(ClusterAccess cluster, List<Part> parts, String kind, Map<Part, String> from) {
        String controller = cluster.site().controller();
        String id = newDirectory(cluster, kind);
        String dir = settings.root() + "/" + id;
        Map<Part, Long> sizes = new LinkedHashMap<>();
        Map<Part, String> sources = new LinkedHashMap<>();
        Map<String, Manifest.Entry> all = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Part p : parts) {
            Manifest m;
            if (p == Part.DB) {
                rows.putAll(dumps.dump(cluster, dumpFile(dir)));
                m = Manifest.of(cluster, cluster.site().dbdHost(), dir + "/db");
            } else {
                String src = from.containsKey(p) ? from.get(p)
                        : p == Part.STATE ? SourceDirs.stateDir(cluster) : SourceDirs.configDir(cluster);
                sources.put(p, src);
                m = copyVerified(cluster, controller, src, dir + "/" + p.label(), problems);
            }
            sizes.put(p, m.totalSize());
            m.files().forEach((path, e) -> all.put(p.label() + "/" + path, e));
        }
        Manifest manifest = new Manifest(all);
        HostFiles.write(cluster, controller, dir + "/" + BackupMeta.MANIFEST, manifest.text());
        BackupMeta meta = new BackupMeta(id, kind, clock.instant(), parts, sizes, sources, manifest.sha256(), rows,
                BackupMeta.Verified.NO, "");
        if (!problems.isEmpty()) {
            return record(cluster, meta.withVerification(BackupMeta.Verified.FAILED, String.join("; ", problems)));
        }
        return verify(cluster, meta, manifest);
    }

    /** Verifies a backup again (checksums; a dump also by a scratch restore) and records the result. */
    public BackupMeta verify(ClusterAccess cluster, String id) {
        BackupMeta meta = find(cluster, id).orElseThrow(() -> new IllegalArgumentException("no backup `" + id + "`"));
        return verify(cluster, meta, manifest(cluster, id));
    }

    private BackupMeta verify(ClusterAccess cluster, BackupMeta meta, Manifest stored) {
        String dir = settings.root() + "/" + meta.id();
        List<String> problems = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        if (!stored.sha256().equals(meta.manifestSha256())) {
            problems.add("the manifest itself changed (sha256 " + stored.sha256().substring(0, 12) + ", recorded "
                    + abbrev(meta.manifestSha256()) + ")");
        }
        for (Part p : meta.parts()) {
            try {
                String host = p == Part.DB ? cluster.site().dbdHost() : cluster.site().controller();
                Manifest expected = stored.under(p.label() + "/");
                List<String> diff = expected.differences(Manifest.of(cluster, host, dir + "/" + p.label()));
                if (!diff.isEmpty()) {
                    problems.add(p.label() + ": " + String.join(", ", diff));
                    continue;
                }
                passed.add(p.label() + ": " + expected.files().size() + " file(s) match the SHA-256 manifest");
                if (p == Part.DB) {
                    DumpCheck check = checkDump(cluster, dumpFile(dir), meta.rows());
                    (check.ok() ? passed : problems).add("db: " + check.summary());
                }
            } catch (RuntimeException e) {
                problems.add(p.label() + ": " + e.getMessage());
            }
        }
        BackupMeta result = problems.isEmpty() ? meta.withVerification(BackupMeta.Verified.YES, String.join("; ", passed))
                : meta.withVerification(BackupMeta.Verified.FAILED, String.join("; ", problems));
        return record(cluster, result);
    }

    private BackupMeta record(ClusterAccess cluster, BackupMeta meta) {
        HostFiles.write(cluster, cluster.site().controller(), settings.root() + "/" + meta.id() + "/" + BackupMeta.FILE, meta.text());
        if (meta.verified() == BackupMeta.Verified.FAILED) {
            onFailed.accept(meta);
        }
        return meta;
    }

    /**
     * Copies {@code from} to {@code to} with cp -a (modes and owners kept: slurmdbd.conf stays 0600) and
     * returns the source's manifest once the copy matches it; a source that changes during the copy
     * (slurmctld writing its state) is copied again, at most {@value #COPY_ATTEMPTS} times.
     */
    private static Manifest copyVerified(ClusterAccess cluster, String host, String from, String to, List<String> problems) {
        List<String> diff = List.of();
        Manifest source = null;
        for (int i = 0; i < COPY_ATTEMPTS; i++) {
            HostFiles.run(cluster, host, List.of("rm", "-rf", "--", to));
            source = Manifest.of(cluster, host, from);
            HostFiles.must(cluster, host, "copying " + from, List.of("cp", "-a", "--", from, to));
            diff = source.differences(Manifest.of(cluster, host, to));
            if (diff.isEmpty()) {
                return source;
            }
        }
        problems.add("the copy of " + from + " never matched its source (it kept changing): " + String.join(", ", diff));
        return source;
    }

    private String newDirectory(ClusterAccess cluster, String kind) {
        String controller = cluster.site().controller();
        HostFiles.mkdirPrivate(cluster, controller, settings.root());
        String base = STAMP.format(clock.instant()) + "-" + kind;
        for (int n = 1; n < 100; n++) {
            String id = n == 1 ? base : base + "-" + n;
            ExecResult r = HostFiles.run(cluster, controller, List.of("mkdir", "-m", "700", "--", settings.root() + "/" + id));
            if (r.ok()) {
                return id;
            }
        }
        throw new IllegalStateException("cannot create a backup directory under " + settings.root());
    }

    /** The gzipped dump inside a backup directory. */
    public String dumpFile(String backupDir) {
        return backupDir + "/db/" + settings.database() + ".sql.gz";
    }

    /** The manifest stored with a backup. */
    public Manifest manifest(ClusterAccess cluster, String id) {
        return Manifest.parse(HostFiles.read(cluster, cluster.site().controller(), settings.root() + "/" + id + "/" + BackupMeta.MANIFEST));
    }

    public String directory(BackupMeta meta) {
        return settings.root() + "/" + meta.id();
    }

    public List<BackupMeta> list(ClusterAccess cluster) {
        return catalog.list(cluster);
    }

    public Optional<BackupMeta> find(ClusterAccess cluster, String id) {
        return catalog.find(cluster, id);
    }

    /** Deletes the backups older than the retention, keeping the newest verified one of each kind; their ids. */
    public List<String> prune(ClusterAccess cluster) {
        return catalog.prune(cluster, clock.instant(), settings.retention());
    }

    // --- the accounting-database actions the runbook engine and restore share ---

    /** Dumps the accounting database to {@code gzFile} on the dbd host; the rows per table the dump holds. */
    public Map<String, Long> dumpTo(ClusterAccess cluster, String gzFile) {
        if (!gzFile.endsWith(".gz")) {
            throw new IllegalArgumentException("a dump's file must end in .gz: " + gzFile);
        }
        return dumps.dump(cluster, gzFile);
    }

    /** Verifies a dump in the scratch schema against the rows it held when made; what differs (empty: verified). */
    public List<String> verifyDump(ClusterAccess cluster, String gzFile, Map<String, Long> rows) {
        return checkDump(cluster, gzFile, rows).problems();
    }

    /** Verifies a dump in the scratch schema, whole or (beyond backups.verify's limits) structure and counts. */
    public DumpCheck checkDump(ClusterAccess cluster, String gzFile, Map<String, Long> rows) {
        return new ScratchVerifier(settings).verify(cluster, gzFile, rows);
    }

    /** Replaces the live accounting database with a dump; the tables whose rows differ (empty: complete). */
    public List<String> restoreDump(ClusterAccess cluster, String gzFile) {
        return dumps.restoreLive(cluster, gzFile);
    }

    /** The tables whose live rows differ from the rows the dump holds (empty: the database is the dump's). */
    public List<String> compareLive(ClusterAccess cluster, String gzFile) {
        return dumps.compareLive(cluster, gzFile);
    }

    /** The live accounting database's rows per table, for a dry run's comparison. */
    public Map<String, Long> liveRows(ClusterAccess cluster, List<String> tables) {
        return dumps.liveRows(cluster, tables);
    }

    public static String encodeRows(Map<String, Long> rows) {
        return DbDumps.encode(rows);
    }

    public static Map<String, Long> decodeRows(String text) {
        return DbDumps.decode(text);
    }

    static String abbrev(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
