package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.SSHClient;
import org.junit.jupiter.api.Test;

/** The retry rule without a server: a connection that is already dead is replaced once, not forever. */
class SshTransportRetryTest {

    private static final SshSettings SETTINGS = SshSettings.builder("labops", Path.of("/unused/key"),
            Path.of("/unused/known_hosts")).build();

    @Test
    void aDeadConnectionIsReplacedOnceThenTheFailureIsReported() {
        AtomicInteger opened = new AtomicInteger();
        // Never-connected clients look exactly like connections whose transport broke.
        try (SshTransport transport = new SshTransport(SETTINGS, host -> {
            opened.incrementAndGet();
            return new SSHClient();
        })) {
            ExecResult result = transport.exec(new HostCommand("node001", List.of("true"), Duration.ofSeconds(5)));

            assertThat(result.failure()).isEqualTo(FailureKind.ERROR);
            assertThat(result.detail()).contains("no longer connected");
            assertThat(opened.get()).isEqualTo(2);
            assertThat(transport.pooledConnections()).isZero();
        }
    }

    @Test
    void aConnectFailureIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        try (SshTransport transport = new SshTransport(SETTINGS, host -> {
            attempts.incrementAndGet();
            throw new java.net.ConnectException("Connection refused");
        })) {
            ExecResult result = transport.exec(new HostCommand("node001", List.of("true"), Duration.ofSeconds(5)));

            assertThat(result.failure()).isEqualTo(FailureKind.REFUSED);
            assertThat(attempts.get()).isEqualTo(1);
        }
    }

    @Test
    void refusesWorkAfterClose() {
        SshTransport transport = new SshTransport(SETTINGS, host -> new SSHClient());
        transport.close();

        ExecResult result = transport.exec(new HostCommand("node001", List.of("true"), Duration.ofSeconds(5)));

        assertThat(result.failure()).isEqualTo(FailureKind.ERROR);
        assertThat(result.detail()).contains("closed");
    }
}
