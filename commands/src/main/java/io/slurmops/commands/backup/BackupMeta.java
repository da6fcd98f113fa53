package io.slurmops.commands.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The small metadata file of one backup ({@code backup.meta}, key=value): what it holds, when it was
 * made, sizes, the manifest's fingerprint, the dump's row counts, and whether it was verified.
 *
 * @param id       the directory name under the backup root, e.g. 20261203T131000Z-all
 * @param sources  part → the directory it was copied from (state, config)
 * @param rows     the dump's rows per table, counted in the dump itself
 * @param verified YES when the last verification passed, FAILED when it did not (the backup is kept)
 */
public record BackupMeta(String id, String kind, Instant created, List<Part> parts, Map<Part, Long> sizes,
                         Map<Part, String> sources, String manifestSha256, Map<String, Long> rows,
                         Verified verified, String detail) {

    public enum Verified { YES, FAILED, NO }

    public static final String FILE = "backup.meta";
    public static final String MANIFEST = "MANIFEST.sha256";

    public BackupMeta {
        parts = List.copyOf(parts);
        sizes = Map.copyOf(sizes);
        sources = Map.copyOf(sources);
        rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        detail = detail == null ? "" : detail.replace('\n', ' ');
    }

    public long totalSize() {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isVerified() {
        return verified == Verified.YES;
    }

    public BackupMeta withVerification(Verified v, String why) {
        return new BackupMeta(id, kind, created, parts, sizes, sources, manifestSha256, rows, v, why);
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("id=").append(id).append('\n');
        b.append("kind=").append(kind).append('\n');
        b.append("created=").append(created).append('\n');
        b.append("parts=").append(String.join(",", parts.stream().map(Part::label).toList())).append('\n');
        for (Part p : parts) {
            b.append("size.").append(p.label()).append('=').append(sizes.getOrDefault(p, 0L)).append('\n');
            if (sources.containsKey(p)) {
                b.append("source.").append(p.label()).append('=').append(sources.get(p)).append('\n');
            }
        }
        b.append("manifestSha256=").append(manifestSha256).append('\n');
        b.append("rows=").append(DbDumps.encode(rows)).append('\n');
        b.append("verified=").append(verified.name().toLowerCase()).append('\n');
        b.append("detail=").append(detail).append('\n');
        return b.toString();
    }

    public static BackupMeta parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        List<Part> parts = new ArrayList<>();
        Map<Part, Long> sizes = new LinkedHashMap<>();
        Map<Part, String> sources = new LinkedHashMap<>();
        for (String label : p.getProperty("parts", "").split(",")) {
            if (!label.isBlank()) {
                Part part = Part.of(label.strip());
                parts.add(part);
                sizes.put(part, Long.parseLong(p.getProperty("size." + label, "0")));
                if (p.getProperty("source." + label) != null) {
                    sources.put(part, p.getProperty("source." + label));
                }
            }
        }
        return new BackupMeta(p.getProperty("id", ""), p.getProperty("kind", ""), Instant.parse(p.getProperty("created")),
                parts, sizes, sources, p.getProperty("manifestSha256", ""), DbDumps.decode(p.getProperty("rows")),
                Verified.valueOf(p.getProperty("verified", "no").toUpperCase()), p.getProperty("detail", ""));
    }
}
