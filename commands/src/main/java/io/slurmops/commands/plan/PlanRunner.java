package io.slurmops.commands.plan;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.hostlist.Hostlist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a frozen plan, step after step, exactly as approved: a step without a dependency runs only
 * when every step before it succeeded; a step "only where step k succeeded" runs on those hosts.
 * Files fed to standard input are read when the step runs and must still have the approved digest.
 */
public final class PlanRunner {

    /** Runs a batch of host commands (the executor's sliding window), one result per command, in order. */
    @FunctionalInterface
    public interface Batch {
        List<ExecResult> runAll(List<HostCommand> commands);
    }

    /** Told about each step as it ends, so the audit records progress as it happens. */
    @FunctionalInterface
    public interface Listener {
        void stepFinished(StepResult result);
    }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Transport transport;
    private final Batch batch;

    public PlanRunner(Transport transport, Batch batch) {
        this.transport = transport;
        this.batch = batch;
    }

    /** Runs each command one after the other; for tests and tiny plans. */
    public static PlanRunner sequential(Transport transport) {
        return new PlanRunner(transport, cmds -> cmds.stream().map(transport::exec).toList());
    }

    public PlanResult run(Plan plan, Listener listener) {
        long t0 = System.nanoTime();
        List<StepResult> done = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            StepResult r = runStep(i + 1, plan.steps().get(i), done);
            done.add(r);
            listener.stepFinished(r);
        }
        return new PlanResult(done, Duration.ofNanos(System.nanoTime() - t0));
    }

    private StepResult runStep(int number, Step step, List<StepResult> done) {
        List<String> hosts = step.hosts();
        if (step.onlyWhereSucceeded() == 0) {
            for (StepResult earlier : done) {
                if (!earlier.ok()) {
                    return StepResult.notRun(number, step, "not run: step " + earlier.number() + " failed", true);
                }
            }
        } else {
            StepResult dep = done.get(step.onlyWhereSucceeded() - 1);
            if (hosts.isEmpty()) {
                if (!dep.anySucceeded()) {
                    return StepResult.notRun(number, step, "not run: step " + dep.number() + " succeeded nowhere", true);
                }
            } else {
                Set<String> ok = new LinkedHashSet<>(dep.succeededHosts());
                hosts = hosts.stream().filter(ok::contains).toList();
                if (hosts.isEmpty()) {
                    return StepResult.notRun(number, step, "not run: step " + dep.number()
                            + " succeeded on none of its hosts", !dep.ok());
                }
            }
        }
        long t0 = System.nanoTime();
        byte[] stdin = new byte[0];
        List<HostCommand> commands = commands(step, hosts, stdin);
        if (step.stdin() != null) {
            StdinRead read = readStdin(step.stdin());
            if (read.problem != null) {
                List<ExecResult> failed = commands.stream().map(c -> ExecResult.failed(c, FailureKind.ERROR,
                        read.problem, "", "", Duration.ZERO)).toList();
                return new StepResult(number, step, hosts, failed, "", false, Duration.ofNanos(System.nanoTime() - t0));
            }
            commands = commands(step, hosts, read.bytes);
        }
        List<ExecResult> results = batch.runAll(commands);
        return new StepResult(number, step, hosts, results, "", false, Duration.ofNanos(System.nanoTime() - t0));
    }

    private static List<HostCommand> commands(Step step, List<String> hosts, byte[] stdin) {
        if (step.onController()) {
            String list = hosts.isEmpty() ? "" : Hostlist.compress(hosts);
            return List.of(new HostCommand(step.via(), step.argvFor(list), step.timeout(), stdin));
        }
        return hosts.stream().map(h -> new HostCommand(h, step.argv(), step.timeout(), stdin)).toList();
    }

    private record StdinRead(byte[] bytes, String problem) {
    }

    /** base64 keeps binary content (a munge key) intact through a text channel; the bytes are never logged. */
    private StdinRead readStdin(FileRef ref) {
        ExecResult r = transport.exec(new HostCommand(ref.host(), List.of("base64", "-w", "0", ref.path()),
                READ_TIMEOUT));
        if (!r.ok()) {
            return new StdinRead(null, "could not read " + ref.path() + " on " + ref.host() + ": " + r.outcome());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(r.stdout().strip());
        } catch (IllegalArgumentException e) {
            return new StdinRead(null, "could not read " + ref.path() + " on " + ref.host() + ": not base64 output");
        }
        String actual = Sha256.hex(bytes);
        if (!actual.equals(ref.sha256())) {
            return new StdinRead(null, ref.path() + " changed since the plan was approved (sha256 " + shortHash(actual)
                    + ", approved " + shortHash(ref.sha256()) + ")");
        }
        return new StdinRead(bytes, null);
    }

    static String shortHash(String hex) {
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
