package io.slurmops.bot.lab;

import io.slurmops.testing.LabCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code slurmops bot --config FILE} as a separate JVM on this build's classes, as a site runs it:
 * its own state directory, its output in a log file, stopped by SIGKILL (a host dying) or by SIGTERM.
 */
final class BotInstance implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private BotInstance(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static BotInstance start(String name, Path config, Path state, Map<String, String> env) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dslurmops.home=" + LabCluster.repoRoot(), "-cp", System.getProperty("java.class.path"),
                "io.slurmops.bot.cli.Main", "bot", "--config", config.toString()));
        Files.createDirectories(state);
        Path log = state.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SLURMOPS_STATE", state.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return new BotInstance(name, p, log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no lease release, no goodbye to the gateway, nothing flushed; what a dead host does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The last lines of the log, for an assertion message. */
    String tail(int lines) {
        List<String> all = log().lines().toList();
        return name + " (pid " + pid() + "):\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** A clean stop (SIGTERM), bounded; SIGKILL after it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
