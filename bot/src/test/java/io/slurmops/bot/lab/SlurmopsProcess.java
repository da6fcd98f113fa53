package io.slurmops.bot.lab;

import io.slurmops.testing.LabCluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code slurmops ARGS…} as a separate JVM on this build's classes (the test class path), with
 * {@code SLURMOPS_STATE} pointing at a test-specific store, as an operator's shell would.
 */
final class SlurmopsProcess {

    private SlurmopsProcess() {
    }

    static LabCluster.Result run(Path state, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dslurmops.home=" + LabCluster.repoRoot(), "-cp", System.getProperty("java.class.path"),
                "io.slurmops.bot.cli.Main"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("SLURMOPS_STATE", state.toString());
        Path log = java.nio.file.Files.createTempFile(state, "run-", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new LabCluster.Result(-1, "timed out: " + argv);
        }
        return new LabCluster.Result(p.exitValue(), java.nio.file.Files.readString(log));
    }

    /** "drained", "idle", … for one node, straight from sinfo. */
    static String state(String node) throws IOException, InterruptedException {
        return LabCluster.exec(List.of("sinfo", "-h", "-n", node, "-o", "%T"), 30).output().strip();
    }

    static String reason(String node) throws IOException, InterruptedException {
        return LabCluster.exec(List.of("sinfo", "-h", "-n", node, "-o", "%E"), 30).output().strip();
    }

    /** The first of these nodes that is idle now (waiting up to a minute for one). */
    static String idleNode(String... candidates) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            for (String n : candidates) {
                if (state(n).equals("idle")) {
                    return n;
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no idle node among " + List.of(candidates) + " in the shared lab");
    }

    /** Puts a node we may have drained back in service; harmless when it already is. */
    static void resume(String node) throws IOException, InterruptedException {
        String s = state(node);
        if (s.startsWith("drain") || s.startsWith("down")) {
            LabCluster.exec(List.of("scontrol", "update", "NodeName=" + node, "State=RESUME"), 30);
        }
    }
}
