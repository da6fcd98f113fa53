package io.slurmops.commands.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One argv to run on one host, with its timeout and optional standard input.
 *
 * @param host    the target host name; {@link #LOCAL} runs on the machine the bot runs on
 * @param argv    program and arguments, never a shell string
 * @param timeout how long the command may run before it is killed
 * @param stdin   bytes written to the command's standard input (empty for none)
 */
public record HostCommand(String host, List<String> argv, Duration timeout, byte[] stdin) {

    /** The host name that means "run here, without SSH". */
    public static final String LOCAL = "localhost";

    public HostCommand {
        Objects.requireNonNull(host, "host");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        stdin = stdin == null ? new byte[0] : stdin.clone();
    }

    public HostCommand(String host, List<String> argv, Duration timeout) {
        this(host, argv, timeout, new byte[0]);
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    public boolean isLocal() {
        return LOCAL.equals(host);
    }
}
