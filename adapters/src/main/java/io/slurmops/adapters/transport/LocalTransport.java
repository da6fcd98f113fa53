package io.slurmops.adapters.transport;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.HumanDuration;
import io.slurmops.commands.exec.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on this machine: argv straight to {@link ProcessBuilder}, never through a shell.
 *
 * <p>stdout and stderr are drained by their own threads (a process blocked on one full pipe while we
 * read the other would deadlock), stdin is written by a third and then closed, and each stream is
 * capped to protect memory. On timeout the whole process tree gets SIGTERM, then SIGKILL after the
 * grace period, and the result carries the output collected so far.
 */
public final class LocalTransport implements Transport {

    public static final int DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    private final int maxOutputBytes;
    private final Duration killGrace;
    private final StreamPumps pumps = new StreamPumps("local-pump-");
    private volatile boolean closed;

    public LocalTransport() {
        this(DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_KILL_GRACE);
    }

    /**
     * @param maxOutputBytes bytes kept per stream; the rest is drained and counted in a marker line
     * @param killGrace      time between SIGTERM and SIGKILL on timeout
     */
    public LocalTransport(int maxOutputBytes, Duration killGrace) {
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("maxOutputBytes must not be negative: " + maxOutputBytes);
        }
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
        }
        this.maxOutputBytes = maxOutputBytes;
        this.killGrace = killGrace;
    }

    @Override
    public ExecResult exec(HostCommand command) {
        long startNanos = System.nanoTime();
        if (closed) {
            return ExecResult.failed(command, FailureKind.ERROR, "transport is closed", "", "", Duration.ZERO);
        }
        Process process;
        try {
            process = new ProcessBuilder(command.argv()).start();
        } catch (IOException e) {
            return ExecResult.failed(command, FailureKind.ERROR, startFailure(command.argv(), e), "", "",
                    elapsedSince(startNanos));
        }
        CappedOutput out = new CappedOutput(maxOutputBytes);
        CappedOutput err = new CappedOutput(maxOutputBytes);
        Future<?> outPump = pumps.drain(process.getInputStream(), out);
        Future<?> errPump = pumps.drain(process.getErrorStream(), err);
        pumps.feed(process.getOutputStream(), command.stdin());

        long timeoutNanos = command.timeout().toNanos();
        try {
            if (!process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
                ProcessTrees.terminate(process.toHandle(), killGrace);
                StreamPumps.await(killGrace.toNanos(), outPump, errPump);
                return ExecResult.failed(command, FailureKind.TIMEOUT,
                        "killed after " + HumanDuration.format(command.timeout()), out.text(), err.text(),
                        elapsedSince(startNanos));
            }
            // A background child may still hold the pipes open; wait no longer than the timeout allows.
            StreamPumps.await(startNanos + timeoutNanos - System.nanoTime(), outPump, errPump);
            return ExecResult.exited(command, process.exitValue(), out.text(), err.text(), elapsedSince(startNanos));
        } catch (InterruptedException e) {
            ProcessTrees.terminate(process.toHandle(), killGrace);
            Thread.currentThread().interrupt();
            return ExecResult.failed(command, FailureKind.ERROR, "cancelled", out.text(), err.text(),
                    elapsedSince(startNanos));
        }
    }

    /** Stops the pump threads. Commands still running keep running until their own timeout. */
    @Override
    public void close() {
        closed = true;
        pumps.close();
    }

    /** "no such program: foo" rather than Java's "Cannot run program "foo": error=2, ...". */
    static String startFailure(List<String> argv, IOException e) {
        String program = argv.get(0);
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,")) {
            return "no such program: " + program;
        }
        if (message.contains("error=13,")) {
            return "permission denied: " + program;
        }
        String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : message;
        return "cannot run " + program + ": " + cause.lines().findFirst().orElse("");
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
