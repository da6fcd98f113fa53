package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each way a connection can fail, against a real OpenSSH server. */
// A throwaway sshd as root with a dedicated login user (TestSshd): lab tier, not the fast one.
@Tag("ssh")
@Tag("lab")
@Timeout(120)
class SshFailureModesTest {

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    private static ExecResult runTrue(SshSettings settings, String host) {
        try (SshTransport transport = new SshTransport(settings)) {
            return transport.exec(new HostCommand(host, List.of("true"), Duration.ofSeconds(10)));
        }
    }

    @Test
    void theFixtureItselfWorks() {
        assertThat(runTrue(SSHD.settings().build(), "127.0.0.1").ok()).isTrue();
    }

    @Test
    void aWrongHostKeyInKnownHostsIsAMismatch() throws Exception {
        SshSettings settings = SshSettings.builder(TestSshd.USER, SSHD.clientKey(), SSHD.knownHostsWithWrongKey())
                .port(SSHD.port()).build();

        ExecResult result = runTrue(settings, "127.0.0.1");

        assertThat(result.failure()).as(result.outcome()).isEqualTo(FailureKind.HOST_KEY_MISMATCH);
        assertThat(result.detail()).contains("127.0.0.1").contains(String.valueOf(SSHD.port()));
    }

    @Test
    void aHostMissingFromKnownHostsIsNotTrusted() throws Exception {
        // The entry is for [127.0.0.1]:PORT; dialling "localhost" must not match it.
        ExecResult result = runTrue(SSHD.settings().build(), "localhost");

        assertThat(result.failure()).as(result.outcome()).isEqualTo(FailureKind.HOST_KEY_MISMATCH);
    }

    @Test
    void anUnknownClientKeyFailsAuthentication() throws Exception {
        SshSettings settings = SshSettings.builder(TestSshd.USER, SSHD.unauthorizedKey(), SSHD.knownHosts())
                .port(SSHD.port()).build();

        ExecResult result = runTrue(settings, "127.0.0.1");

        assertThat(result.failure()).as(result.outcome()).isEqualTo(FailureKind.AUTH_FAILED);
        assertThat(result.detail()).isEqualTo("key not accepted for user slurmops-test on 127.0.0.1:" + SSHD.port());
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SshSettings settings = SSHD.settings().port(closedPort).build();

        ExecResult result = runTrue(settings, "127.0.0.1");

        assertThat(result.failure()).as(result.outcome()).isEqualTo(FailureKind.REFUSED);
        assertThat(result.outcome()).isEqualTo("connection refused: connect to 127.0.0.1:" + closedPort
                + ": connection refused");
    }

    @Test
    void anUnknownHostNameIsUnreachable() {
        ExecResult result = runTrue(SSHD.settings().build(), "no-such-host.invalid");

        assertThat(result.failure()).as(result.outcome()).isEqualTo(FailureKind.UNREACHABLE);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAsUnreachable() throws IOException {
        // Accepts TCP but never speaks SSH: the handshake step times out.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SshSettings settings = SSHD.settings().port(silent.getLocalPort())
                    .connectTimeout(Duration.ofMillis(800)).build();
            long start = System.nanoTime();

            ExecResult result = runTrue(settings, "127.0.0.1");

            assertThat(result.failure()).as(result.outcome()).isEqualTo(FailureKind.UNREACHABLE);
            assertThat(result.detail()).isEqualTo("no SSH handshake from 127.0.0.1:" + silent.getLocalPort()
                    + " within 1.6s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
