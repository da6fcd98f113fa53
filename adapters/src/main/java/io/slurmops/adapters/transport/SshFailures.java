package io.slurmops.adapters.transport;

import io.slurmops.adapters.transport.SshSettings.Endpoint;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HumanDuration;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.userauth.UserAuthException;

/** Turns what sshj and the socket layer throw into a {@link FailureKind} and one line for people. */
final class SshFailures {

    /** A classified failure: the kind, and a one-line detail. */
    record Failure(FailureKind kind, String detail) {
    }

    private SshFailures() {
    }

    /**
     * @param endpoint       where we dialled, for the detail line
     * @param connectTimeout the configured connect timeout (a socket timeout can only be that one:
     *                       no read timeout is set on the socket)
     */
    static Failure classify(Throwable error, Endpoint endpoint, String user, Duration connectTimeout) {
        // The most specific reasons first: sshj wraps socket errors, and the chain is searched whole.
        SSHException hostKey = find(error, SSHException.class);
        if (hostKey != null && hostKey.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
            return new Failure(FailureKind.HOST_KEY_MISMATCH, firstLine(hostKey.getMessage()));
        }
        if (find(error, UserAuthException.class) != null) {
            return new Failure(FailureKind.AUTH_FAILED, "key not accepted for user " + user + " on " + endpoint);
        }
        if (find(error, NoRouteToHostException.class) != null) {
            return new Failure(FailureKind.UNREACHABLE, "no route to " + endpoint);
        }
        if (find(error, ConnectException.class) != null) {
            return new Failure(FailureKind.REFUSED, "connect to " + endpoint + ": connection refused");
        }
        if (find(error, UnknownHostException.class) != null) {
            return new Failure(FailureKind.UNREACHABLE, "unknown host " + endpoint.address());
        }
        SshConnector.HandshakeTimeoutException handshake = find(error, SshConnector.HandshakeTimeoutException.class);
        if (handshake != null) {
            return new Failure(FailureKind.UNREACHABLE, handshake.getMessage());
        }
        if (find(error, SocketTimeoutException.class) != null) {
            return new Failure(FailureKind.UNREACHABLE,
                    "connect to " + endpoint + " timed out after " + HumanDuration.format(connectTimeout));
        }
        return new Failure(FailureKind.ERROR, describe(error));
    }

    /** "SimpleName: first line of the message", the way a person wants to read it in chat. */
    static String describe(Throwable error) {
        String message = error.getMessage();
        String name = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + firstLine(message);
    }

    /** Whether {@code type} appears in the cause chain. */
    static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
