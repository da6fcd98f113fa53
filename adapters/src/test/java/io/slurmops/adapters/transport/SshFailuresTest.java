package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmops.commands.exec.FailureKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.Test;

class SshFailuresTest {

    private static final SshSettings.Endpoint NODE = new SshSettings.Endpoint("node001", 22);

    private static SshFailures.Failure classify(Throwable error) {
        return SshFailures.classify(error, NODE, "labops", Duration.ofSeconds(10));
    }

    @Test
    void mapsSocketErrors() {
        assertThat(classify(new ConnectException("Connection refused")))
                .isEqualTo(new SshFailures.Failure(FailureKind.REFUSED, "connect to node001:22: connection refused"));
        assertThat(classify(new UnknownHostException("node001")).kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(classify(new NoRouteToHostException("No route to host")).kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(classify(new SocketTimeoutException("Connect timed out")))
                .isEqualTo(new SshFailures.Failure(FailureKind.UNREACHABLE, "connect to node001:22 timed out after 10s"));
    }

    @Test
    void mapsSshErrorsEvenWhenWrapped() {
        TransportException hostKey = new TransportException(DisconnectReason.HOST_KEY_NOT_VERIFIABLE,
                "Could not verify `ssh-ed25519` host key with fingerprint `SHA256:x` for `node001` on port 22");
        assertThat(classify(new IOException("wrapped", hostKey)))
                .isEqualTo(new SshFailures.Failure(FailureKind.HOST_KEY_MISMATCH, hostKey.getMessage()));
        assertThat(classify(new UserAuthException("Exhausted available authentication methods")))
                .isEqualTo(new SshFailures.Failure(FailureKind.AUTH_FAILED, "key not accepted for user labops on node001:22"));
        assertThat(classify(new TransportException(new ConnectException("Connection refused"))).kind())
                .isEqualTo(FailureKind.REFUSED);
    }

    @Test
    void everythingElseIsAnErrorOnOneLine() {
        SshFailures.Failure failure = classify(new TransportException(DisconnectReason.KEY_EXCHANGE_FAILED,
                "Unable to reach a settlement\nsecond line"));

        assertThat(failure.kind()).isEqualTo(FailureKind.ERROR);
        assertThat(failure.detail()).isEqualTo("TransportException: Unable to reach a settlement");
    }
}
