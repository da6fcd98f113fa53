package io.slurmops.commands.backup;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.plan.Sha256;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 and size of every file under a directory, by relative path: {@code sha256  size  path}
 * per line, sorted. Taken on the host with find and sha256sum as argv; only hashes and sizes, never
 * contents, so a manifest of /etc/slurm shows no password.
 */
public record Manifest(Map<String, Entry> files) {

    public record Entry(String sha256, long size) {
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    public Manifest {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The manifest of {@code dir} on {@code host}; throws with the command's outcome when it cannot be read. */
    public static Manifest of(ClusterAccess cluster, String host, String dir) {
        ExecResult list = cluster.transport().exec(new io.slurmops.commands.exec.HostCommand(host,
                List.of("find", dir, "-type", "f", "-printf", "%s %P\\n"), TIMEOUT));
        if (!list.ok()) {
            throw new IllegalStateException("cannot list " + dir + " on " + host + ": " + list.outcome() + " " + list.stderr().strip());
        }
        Map<String, Long> sizes = new TreeMap<>();
        list.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> {
            int sp = l.indexOf(' ');
            sizes.put(l.substring(sp + 1), Long.parseLong(l.substring(0, sp)));
        });
        Map<String, Entry> out = new TreeMap<>();
        if (!sizes.isEmpty()) {
            String prefix = dir.endsWith("/") ? dir : dir + "/";
            List<String> argv = new ArrayList<>(List.of("sha256sum", "--"));
            sizes.keySet().forEach(p -> argv.add(prefix + p));
            ExecResult sums = cluster.transport().exec(new io.slurmops.commands.exec.HostCommand(host, argv, TIMEOUT));
            if (!sums.ok()) {
                throw new IllegalStateException("cannot checksum " + dir + " on " + host + ": " + sums.outcome() + " "
                        + sums.stderr().strip());
            }
            for (String line : sums.stdout().lines().filter(l -> !l.isBlank()).toList()) {
                int sep = line.indexOf("  ");
                String path = line.substring(sep + 2);
                String rel = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
                out.put(rel, new Entry(line.substring(0, sep), sizes.getOrDefault(rel, -1L)));
            }
        }
        return new Manifest(out);
    }

    public static Manifest parse(String text) {
        Map<String, Entry> out = new TreeMap<>();
        for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
            String[] f = line.split("  ", 3);
            if (f.length != 3) {
                throw new IllegalArgumentException("not a manifest line: " + line);
            }
            out.put(f[2], new Entry(f[0], Long.parseLong(f[1])));
        }
        return new Manifest(out);
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        files.forEach((p, e) -> b.append(e.sha256()).append("  ").append(e.size()).append("  ").append(p).append('\n'));
        return b.toString();
    }

    /** SHA-256 of the manifest text: one short fingerprint of the whole backup. */
    public String sha256() {
        return Sha256.hex(text());
    }

    /** The entries under {@code prefix}, with the prefix removed. */
    public Manifest under(String prefix) {
        Map<String, Entry> out = new TreeMap<>();
        files.forEach((p, e) -> {
            if (p.startsWith(prefix)) {
                out.put(p.substring(prefix.length()), e);
            }
        });
        return new Manifest(out);
    }

    public long totalSize() {
        return files.values().stream().mapToLong(Entry::size).sum();
    }

    /** Nothing when they hold the same files with the same hashes; otherwise the first differences. */
    public List<String> differences(Manifest actual) {
        List<String> out = new ArrayList<>();
        files.forEach((p, e) -> {
            Entry got = actual.files.get(p);
            if (got == null) {
                out.add("missing: " + p);
            } else if (!got.sha256().equals(e.sha256())) {
                out.add("changed: " + p + " (sha256 " + got.sha256().substring(0, 12) + ", expected " + e.sha256().substring(0, 12) + ")");
            }
        });
        actual.files.keySet().stream().filter(p -> !files.containsKey(p)).forEach(p -> out.add("unexpected: " + p));
        return out.size() > 10 ? List.copyOf(out.subList(0, 10)) : out;
    }
}
