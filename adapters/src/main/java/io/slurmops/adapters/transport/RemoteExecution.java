package io.slurmops.adapters.transport;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.HumanDuration;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One command on one open session: exec, pump the streams, wait with the command's timeout, and
 * read the exit status.
 *
 * <p>Both output streams are read while we wait: sshj only widens the channel window as data is
 * consumed, so an unread stream larger than the window (a few MB) would stall the command and
 * {@code join} would never return.
 */
final class RemoteExecution {

    /** How long to wait for the last buffered bytes once the channel has closed. */
    private static final long DRAIN_AFTER_CLOSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private RemoteExecution() {
    }

    /**
     * @throws InterruptedException when the caller was interrupted (the command is killed first)
     * @throws IOException          when the exec request itself failed; whether the command started
     *                              is then unknown, so the caller must not retry it
     */
    static ExecResult run(Session session, HostCommand command, String remoteCommand, int maxOutputBytes,
                          StreamPumps pumps, long startNanos) throws IOException, InterruptedException {
        Session.Command remote = session.exec(remoteCommand);
        CappedOutput out = new CappedOutput(maxOutputBytes);
        CappedOutput err = new CappedOutput(maxOutputBytes);
        Future<?> outPump = pumps.drain(remote.getInputStream(), out);
        Future<?> errPump = pumps.drain(remote.getErrorStream(), err);
        pumps.feed(remote.getOutputStream(), command.stdin());

        try {
            remote.join(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ConnectionException e) {
            if (SshFailures.causedBy(e, TimeoutException.class)) {
                kill(remote);
                StreamPumps.await(DRAIN_AFTER_CLOSE_NANOS, outPump, errPump);
                return ExecResult.failed(command, FailureKind.TIMEOUT,
                        "killed after " + HumanDuration.format(command.timeout()), out.text(), err.text(),
                        elapsedSince(startNanos));
            }
            if (SshFailures.causedBy(e, InterruptedException.class)) {
                kill(remote);
                throw new InterruptedException("cancelled");
            }
            // The transport broke under a running command: it may or may not have done its work.
            StreamPumps.await(0, outPump, errPump);
            return ExecResult.failed(command, FailureKind.ERROR,
                    "connection lost while the command ran: " + SshFailures.describe(e), out.text(), err.text(),
                    elapsedSince(startNanos));
        }

        StreamPumps.await(DRAIN_AFTER_CLOSE_NANOS, outPump, errPump);
        Integer exitStatus = remote.getExitStatus();
        if (exitStatus != null) {
            return ExecResult.exited(command, exitStatus, out.text(), err.text(), elapsedSince(startNanos));
        }
        return ExecResult.failed(command, FailureKind.ERROR, withoutExitStatus(remote), out.text(), err.text(),
                elapsedSince(startNanos));
    }

    /** Why there is no exit status: a signal ended the command, or the server just closed the channel. */
    private static String withoutExitStatus(Session.Command remote) {
        Signal signal = remote.getExitSignal();
        if (signal == null) {
            return "the server closed the channel without an exit status";
        }
        StringBuilder detail = new StringBuilder("killed by signal ").append(signal);
        if (Boolean.TRUE.equals(remote.getExitWasCoreDumped())) {
            detail.append(" (core dumped)");
        }
        String message = remote.getExitErrorMessage();
        if (message != null && !message.isBlank()) {
            detail.append(": ").append(message.lines().findFirst().orElse("").strip());
        }
        return detail.toString();
    }

    /**
     * KILL the remote process (honoured by servers that implement the "signal" request, OpenSSH
     * included) and close the channel, so that no output keeps flowing into a finished result.
     */
    private static void kill(Session.Command remote) {
        try {
            remote.signal(Signal.KILL);
        } catch (IOException | RuntimeException e) {
            // the channel or connection is already gone
        }
        try {
            remote.close();
        } catch (IOException | RuntimeException e) {
            // same
        }
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
