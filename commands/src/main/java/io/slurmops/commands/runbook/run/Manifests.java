package io.slurmops.commands.runbook.run;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * SHA-256 manifests of a directory on the controller ("hash  relative/path" per file, sorted), taken
 * with find and sha256sum as argv: the copy is verified against the manifest of its source.
 */
final class Manifests {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Manifests() {
    }

    /** The manifest text; throws with the command's outcome when the directory cannot be read. */
    static String of(ClusterAccess cluster, String dir) {
        return of(argv -> cluster.onController(argv, TIMEOUT), dir);
    }

    /** The manifest of a directory on another host (the dbd host's table files and their copy). */
    static String of(ClusterAccess cluster, String host, String dir) {
        return of(argv -> cluster.transport().exec(new HostCommand(host, argv, TIMEOUT)), dir);
    }

    private static String of(Function<List<String>, ExecResult> exec, String dir) {
        ExecResult list = exec.apply(List.of("find", dir, "-type", "f"));
        if (!list.ok()) {
            throw new IllegalStateException("cannot list " + dir + ": " + list.outcome());
        }
        List<String> files = list.stdout().lines().filter(l -> !l.isBlank()).sorted().toList();
        TreeMap<String, String> byPath = new TreeMap<>();
        if (!files.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("sha256sum"));
            argv.addAll(files);
            ExecResult sums = exec.apply(argv);
            if (!sums.ok()) {
                throw new IllegalStateException("cannot checksum " + dir + ": " + sums.outcome());
            }
            for (String line : sums.stdout().lines().filter(l -> !l.isBlank()).toList()) {
                int sep = line.indexOf("  ");
                byPath.put(relative(dir, line.substring(sep + 2)), line.substring(0, sep));
            }
        }
        StringBuilder b = new StringBuilder();
        byPath.forEach((path, hash) -> b.append(hash).append("  ").append(path).append('\n'));
        return b.toString();
    }

    /** Empty when they match; otherwise the first differences, for the step's output. */
    static String differences(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        List<String> out = new ArrayList<>();
        want.stream().filter(l -> !got.contains(l)).limit(5).forEach(l -> out.add("missing or changed: " + l));
        got.stream().filter(l -> !want.contains(l)).limit(5).forEach(l -> out.add("unexpected: " + l));
        return String.join("\n", out);
    }

    private static String relative(String dir, String path) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
