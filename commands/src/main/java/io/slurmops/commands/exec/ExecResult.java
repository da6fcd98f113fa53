package io.slurmops.commands.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happened when one argv ran on one host.
 *
 * @param exitCode the command's exit code; -1 when it has none (see {@code failure})
 * @param failure  {@link FailureKind#NONE} when the command ran and exited
 * @param detail   a one-line explanation of the failure for people ("Connection refused"), empty if none
 */
public record ExecResult(String host, List<String> argv, int exitCode, String stdout, String stderr,
                         Duration duration, FailureKind failure, String detail) {

    public ExecResult {
        Objects.requireNonNull(host, "host");
        argv = List.copyOf(argv);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
        detail = detail == null ? "" : detail;
    }

    public static ExecResult exited(HostCommand cmd, int exitCode, String stdout, String stderr, Duration duration) {
        return new ExecResult(cmd.host(), cmd.argv(), exitCode, stdout, stderr, duration, FailureKind.NONE, "");
    }

    public static ExecResult failed(HostCommand cmd, FailureKind kind, String detail, String stdout, String stderr,
                                    Duration duration) {
        return new ExecResult(cmd.host(), cmd.argv(), -1, stdout, stderr, duration, kind, detail);
    }

    /** True when the command ran and exited 0. */
    public boolean ok() {
        return failure == FailureKind.NONE && exitCode == 0;
    }

    /** True when the command ran to its exit, whatever the code. */
    public boolean ran() {
        return failure == FailureKind.NONE;
    }

    /** stdout and stderr together, for pattern matching against the knowledge base. */
    public String combinedOutput() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        if (stdout.isEmpty()) {
            return stderr;
        }
        return stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
    }

    /** One line: "exited with code 2", "command timeout after 30s", "connection refused: ...". */
    public String outcome() {
        if (failure == FailureKind.NONE) {
            return exitCode == 0 ? "ok" : "exited with code " + exitCode;
        }
        return detail.isEmpty() ? failure.label() : failure.label() + ": " + detail;
    }
}
