package io.slurmops.bot.bench;

import io.slurmops.adapters.transport.SshSettings;
import io.slurmops.adapters.transport.SshTransport;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.Executor;
import io.slurmops.commands.exec.FoldedResults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code true} on N loopback SSH targets: the bot's Executor over sshj with fresh connections (cold:
 * TCP + key exchange + auth + exec) and with pooled ones (warm: exec only), against {@code pdsh -R ssh}
 * in the same run, interleaved so a change in machine load hits both alike. Every tool uses the same
 * key exchange (curve25519-sha256, the first sshj offers; OpenSSH's post-quantum default costs several
 * times more CPU). Then the process's memory with every target pooled, and with the pool bounded.
 */
final class FanoutBench {

    private static final List<String> TRUE = List.of("true");
    private static final String KEX = "curve25519-sha256";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    record Options(int targets, int runs, int fanout, int pdshFanout, int poolBound, String user, int port,
                   Path key, Path knownHosts) {
    }

    private final Options o;
    private final List<String> hosts;

    FanoutBench(Options o) {
        this.o = o;
        this.hosts = LabTargets.addresses(o.targets());
    }

    BenchResult run() throws Exception {
        BenchResult result = new BenchResult("fanout-" + o.targets(), "SSH fan-out: `true` on " + o.targets() + " targets",
                String.format(Locale.ROOT, "`lab/lab targets up %d` (loopback sshd, user %s, port %d), kex %s for every "
                        + "tool, %d rounds of cold, pdsh, warm; load average before: %s.", o.targets(), o.user(), o.port(), KEX,
                        o.runs(), loadAverage()));
        double rssBefore = Memory.rssMiB();
        exec("warm-up", settings(o.targets()), 1);               // class loading and JIT are not billed to run 1
        Samples cold = new Samples("cold");
        Samples warm = new Samples("warm");
        Samples pdsh = new Samples("pdsh");
        Samples coldCpu = new Samples("cold, client CPU");
        Samples warmCpu = new Samples("warm, client CPU");
        Samples pdshCpu = new Samples("pdsh, client CPU");
        Samples warmTargetsCpu = new Samples("warm, targets' CPU");
        Samples coldTargetsCpu = new Samples("cold, targets' CPU");
        Samples pdshTargetsCpu = new Samples("pdsh, targets' CPU");
        double rssPooled;
        double heapPooled;
        long threadsPooled;
        // The pooled transport stays open through the rounds so that each round times all three
        // tools back to back: a change in machine load then hits every ratio alike.
        try (SshTransport transport = new SshTransport(settings(o.targets()));
             Executor executor = new Executor(transport, o.fanout())) {
            check("warm-up", executor.run(hosts, TRUE, TIMEOUT));
            for (int i = 0; i < o.runs(); i++) {
                CpuTime c0 = CpuTime.now();
                cold.time(() -> exec("cold", settings(o.targets()), 1));
                CpuTime c1 = CpuTime.now();
                ExternalTool.timed(pdsh, pdshArgv(), Map.of("PDSH_RCMD_TYPE", "ssh",
                        "PDSH_SSH_ARGS_APPEND", String.join(" ", sshOptions())));
                CpuTime c2 = CpuTime.now();
                check("warm", warm.time(() -> executor.run(hosts, TRUE, TIMEOUT)));
                CpuTime c3 = CpuTime.now();
                CpuTime c = c1.minus(c0);
                coldCpu.add(c.self());
                coldTargetsCpu.add(c.machine() - c.self());
                CpuTime p = c2.minus(c1);
                pdshCpu.add(p.children());
                pdshTargetsCpu.add(p.machine() - p.children() - p.self());
                CpuTime w = c3.minus(c2);
                warmCpu.add(w.self());
                warmTargetsCpu.add(w.machine() - w.self());
            }
            rssPooled = Memory.rssMiB();
            heapPooled = Memory.heapAfterGcMiB();
            threadsPooled = Memory.threads();
        }
        double rssBounded;
        double heapBounded;
        try (SshTransport transport = new SshTransport(settings(o.poolBound()));
             Executor executor = new Executor(transport, o.fanout())) {
            check("bounded", executor.run(hosts, TRUE, TIMEOUT));
            rssBounded = Memory.rssMiB();
            heapBounded = Memory.heapAfterGcMiB();
        }
        result.row("slurmops Executor + sshj, fresh connections (cold)", "fan-out " + o.fanout(), cold);
        result.row("slurmops Executor + sshj, pooled connections (warm)", "fan-out " + o.fanout(), warm);
        result.row("`pdsh -R ssh`", "fan-out " + o.pdshFanout(), pdsh);
        result.row("CPU of the client: slurmops cold", "JVM, all threads", coldCpu);
        result.row("CPU of the client: slurmops warm", "JVM, all threads", warmCpu);
        result.row("CPU of the client: `pdsh`", "pdsh + its ssh processes", pdshCpu);
        result.row("CPU of the per-target sshd + shell: cold", "rest of the machine", coldTargetsCpu);
        result.row("CPU of the per-target sshd + shell: warm", "rest of the machine", warmTargetsCpu);
        result.row("CPU of the per-target sshd + shell: pdsh", "rest of the machine", pdshTargetsCpu);
        result.ratio("cold / pdsh", cold, pdsh, "≤ 0.7");
        result.ratio("warm / pdsh", warm, pdsh, "≤ 0.05");
        result.ratio("client CPU, warm / pdsh", warmCpu, pdshCpu, "≤ 0.05");
        result.ratio("client CPU, cold / pdsh", coldCpu, pdshCpu, "≤ 0.7");
        int cores = Runtime.getRuntime().availableProcessors();
        result.note(String.format(Locale.ROOT, "the targets run on this machine's %d cores: their own work alone keeps "
                        + "any client's warm fan-out at %s or more (%.3f × pdsh), its cold one at %s or more (%.3f × pdsh); "
                        + "on a cluster that work is spread over the nodes and the client's CPU is what remains",
                cores, Samples.format(warmTargetsCpu.median() / cores), warmTargetsCpu.median() / cores / pdsh.median(),
                Samples.format(coldTargetsCpu.median() / cores), coldTargetsCpu.median() / cores / pdsh.median()));
        result.note(String.format(Locale.ROOT, "memory: RSS %.0f MiB before any connection; with all %d targets pooled "
                        + "RSS %.0f MiB, heap after GC %.0f MiB, %d threads; pool bounded at %d "
                        + "(`ssh.maxPooledConnections`): RSS %.0f MiB, heap after GC %.0f MiB", rssBefore, o.targets(),
                rssPooled, heapPooled, threadsPooled, o.poolBound(), rssBounded, heapBounded));
        return result;
    }

    private List<ExecResult> exec(String label, SshSettings settings, int times) {
        List<ExecResult> last = List.of();
        try (SshTransport transport = new SshTransport(settings); Executor executor = new Executor(transport, o.fanout())) {
            for (int i = 0; i < times; i++) {
                last = executor.run(hosts, TRUE, TIMEOUT);
                check(label, last);
            }
        }
        return last;
    }

    private SshSettings settings(int poolBound) {
        return SshSettings.builder(o.user(), o.key(), o.knownHosts()).port(o.port())
                .connectTimeout(Duration.ofSeconds(20)).maxPooledConnections(poolBound).build();
    }

    private List<String> sshOptions() {
        return List.of("-p", String.valueOf(o.port()), "-i", o.key().toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + o.knownHosts(), "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "KexAlgorithms=" + KEX);
    }

    private List<String> pdshArgv() {
        return List.of("pdsh", "-R", "ssh", "-f", String.valueOf(o.pdshFanout()), "-l", o.user(),
                "-w", LabTargets.pdshList(o.targets()), "true");
    }

    /** A fan-out where some host failed is not a measurement of the fan-out: stop and say which. */
    private static void check(String label, List<ExecResult> results) {
        FoldedResults folded = FoldedResults.fold(results);
        if (!folded.allOk()) {
            throw new IllegalStateException(label + ": not every target succeeded (is `lab/lab targets up N` up?)\n  "
                    + String.join("\n  ", folded.summaryLines().stream().limit(5).toList()));
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
