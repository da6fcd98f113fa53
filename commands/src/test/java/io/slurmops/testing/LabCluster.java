package io.slurmops.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JUnit extension for tests that need the real lab cluster: starts it once per test run
 * ({@code lab/lab up}) when {@code lab/lab status} says it is not up, and offers helpers to break
 * and restore it. Tests that use it are tagged "lab" (see {@link LabTest}). When the run excludes
 * the lab group ({@code -DexcludedGroups=lab}, the fast tier that needs neither root nor the lab),
 * it never starts the lab: a test that would need it is skipped instead.
 */
public final class LabCluster implements BeforeAllCallback {

    private static final Object LOCK = new Object();
    private static volatile boolean checked;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ensureUp();
    }

    public static void ensureUp() throws IOException, InterruptedException {
        Assumptions.assumeFalse(labExcluded(), "the lab group is excluded (-DexcludedGroups=lab): the lab is not started");
        synchronized (LOCK) {
            if (checked && run(List.of("status")).exitCode() == 0) {
                return;
            }
            Result status = run(List.of("status"));
            if (status.exitCode() != 0) {
                Result up = run(List.of("up"));
                if (up.exitCode() != 0) {
                    throw new IllegalStateException("lab/lab up failed (exit " + up.exitCode() + "):\n" + up.output());
                }
            }
            Result idle = run(List.of("wait-idle", "60"));
            if (idle.exitCode() != 0) {
                throw new IllegalStateException("lab nodes did not become idle:\n" + idle.output());
            }
            checked = true;
        }
    }

    /** True when this run excludes tests tagged "lab" (the build passes -DexcludedGroups on as a property). */
    public static boolean labExcluded() {
        String excluded = System.getProperty("slurmops.excludedGroups", "");
        return java.util.Arrays.stream(excluded.split("[,\\s]+")).anyMatch("lab"::equals);
    }

    /** The repository root: the first parent directory holding lab/lab. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isExecutable(p.resolve("lab/lab"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("lab/lab not found above " + Path.of("").toAbsolutePath());
    }

    public static Path labScript() {
        return repoRoot().resolve("lab/lab");
    }

    /** Output and exit code of one command. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code lab/lab ARGS…}. */
    public static Result run(List<String> args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(labScript().toString());
        argv.addAll(args);
        return exec(argv, 300);
    }

    /** Runs a command inside a lab node's namespaces ({@code lab/lab node-exec NODE ARGV…}). */
    public static Result onNode(String node, String... argv) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("node-exec", node));
        args.addAll(List.of(argv));
        return run(args);
    }

    /** Puts every node back to the healthy baseline (same config, same key, daemons running, resumed). */
    public static void restore() throws IOException, InterruptedException {
        Result r = run(List.of("restore"));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("lab/lab restore failed:\n" + r.output());
        }
    }

    public static Result exec(List<String> argv, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("lab-", ".log");
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + "s: " + argv);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
