package io.slurmops.commands.exec;

/**
 * Runs one argv on one host. Implementations never go through a shell on the local side; a remote
 * implementation quotes each argument so that the remote shell sees exactly this argv.
 *
 * <p>{@link #exec} never throws for a failure of the host or the command: timeouts, refused
 * connections, authentication and host-key failures come back as an {@link ExecResult} with a
 * {@link FailureKind}, so that one bad host never breaks a fan-out.
 */
public interface Transport extends AutoCloseable {

    ExecResult exec(HostCommand command);

    @Override
    default void close() {
    }
}
