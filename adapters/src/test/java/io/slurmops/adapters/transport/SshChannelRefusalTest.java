package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.Executor;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server whose MaxSessions is below our per-host limit refuses some channels: those commands
 * have not started, so they wait and ask again instead of failing (briefly the same happens with
 * OpenSSH's default of 10 while closed sessions are being torn down).
 */
// A throwaway sshd as root with a dedicated login user (TestSshd): lab tier, not the fast one.
@Tag("ssh")
@Tag("lab")
@Timeout(60)
class SshChannelRefusalTest {

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd("MaxSessions 2");

    private static List<HostCommand> commands(int n, String script) {
        List<HostCommand> commands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            commands.add(new HostCommand("127.0.0.1", List.of("sh", "-c", script + "; echo " + i),
                    Duration.ofSeconds(20)));
        }
        return commands;
    }

    @Test
    void refusedChannelsAreRequestedAgainUntilASessionFrees() {
        try (SshTransport transport = new SshTransport(SSHD.settings().maxSessionsPerHost(4).build());
             Executor executor = new Executor(transport, 4)) {
            List<ExecResult> results = executor.runAll(commands(4, "sleep 0.2"));

            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).ok()).as(results.get(i).outcome()).isTrue();
                assertThat(results.get(i).stdout()).isEqualTo(i + "\n");
            }
            assertThat(transport.peakSessions("127.0.0.1")).isGreaterThan(2);
            assertThat(transport.connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void aServerThatKeepsRefusingIsReportedAfterAFewTries() {
        try (SshTransport transport = new SshTransport(SSHD.settings().maxSessionsPerHost(3).build());
             Executor executor = new Executor(transport, 3)) {
            // Two long commands hold both server sessions for longer than the retries last.
            List<ExecResult> results = executor.runAll(commands(3, "sleep 3"));

            long refused = results.stream().filter(r -> r.failure() == FailureKind.ERROR
                    && r.detail().contains("open failed")).count();
            assertThat(refused).isEqualTo(1);
            assertThat(results.stream().filter(ExecResult::ok).count()).isEqualTo(2);
        }
    }
}
