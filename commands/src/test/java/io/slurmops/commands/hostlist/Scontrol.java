package io.slurmops.commands.hostlist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the local {@code scontrol} for its hostlist subcommands, which need a config file but no
 * controller. Arguments go in argv, never through a shell.
 */
final class Scontrol {

    static final Path BINARY = Path.of("/usr/bin/scontrol");

    private final Path config;
    private final Path stdout;
    private final Path stderr;
    private int[] version;

    private Scontrol(Path config, Path stdout, Path stderr) {
        this.config = config;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Writes the smallest config scontrol accepts (it needs a cluster name and a controller host) into {@code dir}. */
    static Scontrol withThrowawayConfig(Path dir) throws IOException {
        Path config = dir.resolve("slurm.conf");
        Files.writeString(config, "ClusterName=t\nSlurmctldHost=localhost\n");
        return new Scontrol(config, dir.resolve("stdout"), dir.resolve("stderr"));
    }

    /** Output lines, stderr and exit code of one scontrol run. */
    record Result(List<String> lines, String stderr, int exitCode) {

        /** {@code show hostnames} prints "Invalid hostlist" on stderr and still exits 0, so stderr decides. */
        boolean rejected() {
            return exitCode != 0 || !stderr.isBlank();
        }
    }

    /** {@code scontrol show hostnames EXPR}: Slurm's expansion, in its order, duplicates kept. */
    Result showHostnames(String expression) {
        return run("show", "hostnames", expression);
    }

    /** {@code scontrol show hostlistsorted HOSTS}: Slurm's own compression of a sorted list. */
    Result showHostlistSorted(String commaSeparatedHosts) {
        return run("show", "hostlistsorted", commaSeparatedHosts);
    }

    /** The version, e.g. {22, 5, 8} for "slurm-wlm 22.05.8". */
    synchronized int[] version() {
        if (version == null) {
            String text = run("--version").lines().get(0).replaceAll("^\\D*", "");
            String[] parts = text.split("\\D+");
            version = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        }
        return version.clone();
    }

    /** True if this Slurm accepts text after the last bracket (23.02.5 and later). */
    boolean acceptsSuffix() {
        int[] v = version();
        return v[0] > 23 || v[0] == 23 && (v[1] > 2 || v[2] >= 5);
    }

    /** Output goes to files, so a 65 536-line expansion cannot fill a pipe and stall. */
    synchronized Result run(String... args) {
        List<String> argv = new ArrayList<>(List.of(BINARY.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("SLURM_CONF", config.toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("scontrol did not finish within 20 s: " + argv);
            }
            return new Result(Files.readAllLines(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8), process.exitValue());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv, e);
        }
    }
}
