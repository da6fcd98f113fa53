package io.slurmops.adapters.transport;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.Executor;
import io.slurmops.commands.exec.FoldedResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out benchmark (a program, not a test): runs {@code true} on N loopback SSH targets
 * ({@code 127.0.0.1..127.0.0.N:2222}, user labops, from {@code lab/lab targets up N}) with
 * <ul>
 *   <li>the Executor over SshTransport with a fresh pool per run (cold: TCP + KEX + auth + exec),</li>
 *   <li>the same with pooled connections reused (warm: exec only),</li>
 *   <li>{@code pdsh -R ssh -f 32} and {@code clush -f 64},</li>
 * </ul>
 * all with the same key exchange (OpenSSH forced to curve25519-sha256, the first one sshj offers),
 * and prints the median of each and the ratios executor/pdsh.
 *
 * <p>Run from the worktree root, after {@code lab/lab targets up 100}:
 * <pre>
 * mvn -B -q -pl commands,adapters test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp adapters/target/test-classes:adapters/target/classes:$(cat adapters/target/test-classpath.txt) \
 *     io.slurmops.adapters.transport.FanoutBenchmark 100
 * </pre>
 * System properties (defaults): {@code bench.targets} (100, or the first argument), {@code bench.runs}
 * (3), {@code bench.fanout} (64), {@code bench.pdshFanout} (32), {@code bench.clushFanout} (64),
 * {@code bench.user} (labops), {@code bench.port} (2222), {@code bench.key}
 * (/var/lib/slurmlab/ssh/id_ed25519), {@code bench.knownHosts} (/var/lib/slurmlab/ssh/known_hosts).
 */
public final class FanoutBenchmark {

    private static final List<String> TRUE = List.of("true");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final String KEX = "curve25519-sha256";

    private final int targets = Integer.getInteger("bench.targets", 100);
    private final int runs = Integer.getInteger("bench.runs", 3);
    private final int fanout = Integer.getInteger("bench.fanout", Executor.DEFAULT_FANOUT);
    private final int pdshFanout = Integer.getInteger("bench.pdshFanout", 32);
    private final int clushFanout = Integer.getInteger("bench.clushFanout", 64);
    private final String user = System.getProperty("bench.user", "labops");
    private final int port = Integer.getInteger("bench.port", 2222);
    private final Path key = Path.of(System.getProperty("bench.key", "/var/lib/slurmlab/ssh/id_ed25519"));
    private final Path knownHosts = Path.of(System.getProperty("bench.knownHosts", "/var/lib/slurmlab/ssh/known_hosts"));
    private final List<String> hosts = new ArrayList<>();

    private FanoutBenchmark(int targets) {
        for (int i = 1; i <= targets; i++) {
            // lab/lab's target i: 127.0.(i-1)/250.((i-1)%250+1), so up to 1000 fit in 127.0.0.0/22
            hosts.add("127.0." + (i - 1) / 250 + "." + ((i - 1) % 250 + 1));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.setProperty("bench.targets", args[0]);
        }
        new FanoutBenchmark(Integer.getInteger("bench.targets", 100)).run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "fan-out benchmark: `true` on %d targets 127.0.0.1..%d:%d as %s, %d runs, kex %s%n",
                targets, targets, port, user, runs, KEX);
        System.out.println("load average before: " + loadAverage());
        warmUpJvm();

        List<Double> cold = new ArrayList<>();
        List<Double> pdsh = new ArrayList<>();
        List<Double> clush = new ArrayList<>();
        // Interleaved, so that a change in machine load hits every tool alike.
        for (int round = 1; round <= runs; round++) {
            cold.add(executorCold());
            pdsh.add(external("pdsh", pdshCommand(), Map.of("PDSH_RCMD_TYPE", "ssh",
                    "PDSH_SSH_ARGS_APPEND", String.join(" ", sshOptions()))));
            clush.add(external("clush", clushCommand(), Map.of()));
        }
        List<Double> warm = executorWarm();

        System.out.println();
        System.out.printf(Locale.ROOT, "%-26s %6s  %s  %8s%n", "tool", "fanout", runsHeader(), "median");
        row("executor cold (sshj)", fanout, cold);
        row("executor warm (pooled)", fanout, warm);
        row("pdsh -R ssh", pdshFanout, pdsh);
        row("clush", clushFanout, clush);
        System.out.printf(Locale.ROOT, "%nratio executor-cold/pdsh = %.2f%nratio executor-warm/pdsh = %.2f%n",
                median(cold) / median(pdsh), median(warm) / median(pdsh));
        System.out.println("load average after: " + loadAverage());
    }

    /** Class loading and JIT of sshj/BouncyCastle would otherwise be billed to the first cold run. */
    private void warmUpJvm() {
        try (SshTransport transport = new SshTransport(settings())) {
            check("warm-up", List.of(transport.exec(transport.command(hosts.get(0), TRUE))));
        }
    }

    private double executorCold() {
        long start = System.nanoTime();
        try (SshTransport transport = new SshTransport(settings()); Executor executor = new Executor(transport, fanout)) {
            List<ExecResult> results = executor.run(hosts, TRUE, COMMAND_TIMEOUT);
            double seconds = secondsSince(start);
            check("executor cold", results);
            return seconds;
        }
    }

    private List<Double> executorWarm() {
        List<Double> times = new ArrayList<>();
        try (SshTransport transport = new SshTransport(settings()); Executor executor = new Executor(transport, fanout)) {
            check("executor warm-up", executor.run(hosts, TRUE, COMMAND_TIMEOUT));
            for (int round = 1; round <= runs; round++) {
                long start = System.nanoTime();
                List<ExecResult> results = executor.run(hosts, TRUE, COMMAND_TIMEOUT);
                times.add(secondsSince(start));
                check("executor warm", results);
            }
            if (transport.connectionsOpened() != targets) {
                System.out.printf("note: warm runs opened %d connections for %d targets (reconnects)%n",
                        transport.connectionsOpened(), targets);
            }
        }
        return times;
    }

    private SshSettings settings() {
        return SshSettings.builder(user, key, knownHosts).port(port).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private List<String> sshOptions() {
        return List.of("-p", String.valueOf(port), "-i", key.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "KexAlgorithms=" + KEX);
    }

    private List<String> pdshCommand() {
        return List.of("pdsh", "-R", "ssh", "-f", String.valueOf(pdshFanout), "-l", user,
                "-w", "127.0.0.[1-" + targets + "]", "true");
    }

    private List<String> clushCommand() {
        return List.of("clush", "-f", String.valueOf(clushFanout), "-l", user, "-w", "127.0.0.[1-" + targets + "]",
                "-o", String.join(" ", sshOptions()), "true");
    }

    /** Times an external fan-out tool; any output means some host failed (true prints nothing). */
    private static double external(String name, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish");
        }
        double seconds = secondsSince(start);
        String text = new String(output, StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0 || !text.isEmpty()) {
            System.out.printf("%s: exit %d%n%s%n", name, process.exitValue(),
                    text.lines().limit(10).reduce((a, b) -> a + "\n" + b).orElse(""));
        }
        return seconds;
    }

    private static void check(String label, List<ExecResult> results) {
        FoldedResults folded = FoldedResults.fold(results);
        if (!folded.allOk()) {
            System.out.println(label + ": not every host succeeded");
            folded.summaryLines().forEach(line -> System.out.println("  " + line));
        }
    }

    private void row(String name, int toolFanout, List<Double> times) {
        StringBuilder cells = new StringBuilder();
        for (double t : times) {
            cells.append(String.format(Locale.ROOT, "%7.2fs ", t));
        }
        System.out.printf(Locale.ROOT, "%-26s %6d  %s %7.2fs%n", name, toolFanout, cells, median(times));
    }

    private String runsHeader() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= runs; i++) {
            sb.append(String.format(Locale.ROOT, "%7s ", "run" + i));
        }
        return sb.toString();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String loadAverage() {
        try {
            return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" ")).limit(3)
                    .reduce((a, b) -> a + " " + b).orElse("?");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
