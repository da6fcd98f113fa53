package io.slurmops.commands.backup;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.site.ClusterAccess;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Small file operations on a host, as argv: a text file is created 0600 first and then filled from
 * standard input, so a secret (the scratch account's client file) is never readable by others and
 * never appears in an argv or in the output.
 */
final class HostFiles {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private HostFiles() {
    }

    static ExecResult run(ClusterAccess cluster, String host, List<String> argv) {
        return run(cluster, host, argv, TIMEOUT);
    }

    static ExecResult run(ClusterAccess cluster, String host, List<String> argv, Duration timeout) {
        return cluster.transport().exec(new HostCommand(host, argv, timeout));
    }

    /** Runs and throws with what went wrong (exit, stderr) when the command fails. */
    static ExecResult must(ClusterAccess cluster, String host, String what, List<String> argv) {
        ExecResult r = run(cluster, host, argv);
        if (!r.ok()) {
            throw new IllegalStateException(what + " failed on " + host + ": " + r.outcome() + " " + r.stderr().strip());
        }
        return r;
    }

    static void write(ClusterAccess cluster, String host, String path, String text) {
        must(cluster, host, "creating " + path, List.of("install", "-m", "600", "/dev/null", path));
        ExecResult r = cluster.transport().exec(new HostCommand(host, List.of("dd", "of=" + path, "status=none"), TIMEOUT,
                text.getBytes(StandardCharsets.UTF_8)));
        if (!r.ok()) {
            throw new IllegalStateException("writing " + path + " failed on " + host + ": " + r.outcome());
        }
    }

    static String read(ClusterAccess cluster, String host, String path) {
        return must(cluster, host, "reading " + path, List.of("cat", "--", path)).stdout();
    }

    /** A private (0700) directory, parents included. */
    static void mkdirPrivate(ClusterAccess cluster, String host, String dir) {
        must(cluster, host, "creating " + dir, List.of("mkdir", "-p", "-m", "700", "--", dir));
    }
}
