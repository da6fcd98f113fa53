package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.Executor;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection reuse, reconnection and the per-host session limit, against a real OpenSSH server. */
// A throwaway sshd as root with a dedicated login user (TestSshd): lab tier, not the fast one.
@Tag("ssh")
@Tag("lab")
@Timeout(120)
class SshPoolingTest {

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    private static final String HOST = "127.0.0.1";

    private static HostCommand command(String... argv) {
        return new HostCommand(HOST, List.of(argv), Duration.ofSeconds(20));
    }

    @Test
    void secondCommandReusesTheConnection() throws Exception {
        long loginsBefore = SSHD.acceptedLogins();
        try (SshTransport transport = new SshTransport(SSHD.settings().build())) {
            assertThat(transport.exec(command("echo", "one")).stdout()).isEqualTo("one\n");
            assertThat(transport.exec(command("echo", "two")).stdout()).isEqualTo("two\n");
            assertThat(transport.exec(command("true")).ok()).isTrue();

            assertThat(transport.connectionsOpened()).isEqualTo(1);
            assertThat(transport.pooledConnections()).isEqualTo(1);
        }
        assertThat(SSHD.acceptedLogins() - loginsBefore).isEqualTo(1);
    }

    @Test
    void reconnectsAfterTheServerRestarts() throws Exception {
        try (SshTransport transport = new SshTransport(SSHD.settings().build())) {
            assertThat(transport.exec(command("echo", "before")).stdout()).isEqualTo("before\n");

            SSHD.restart();
            ExecResult after = transport.exec(command("echo", "after"));

            assertThat(after.ok()).as(after.outcome()).isTrue();
            assertThat(after.stdout()).isEqualTo("after\n");
            assertThat(transport.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void aCommandCutOffByALostConnectionIsReportedNotRepeated() throws Exception {
        try (SshTransport transport = new SshTransport(SSHD.settings().build())) {
            CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(
                    () -> transport.exec(command("sh", "-c", "echo started; sleep 5")));
            Thread.sleep(1_000);

            SSHD.restart();
            ExecResult cut = running.get(20, TimeUnit.SECONDS);

            assertThat(cut.failure()).as(cut.outcome()).isEqualTo(FailureKind.ERROR);
            assertThat(cut.detail()).isNotEmpty();
            assertThat(transport.connectionsOpened()).as("no retry of a started command").isEqualTo(1);
            assertThat(transport.exec(command("echo", "next")).stdout()).isEqualTo("next\n");
            assertThat(transport.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void idleConnectionsAreClosedAndReopenedOnDemand() throws Exception {
        try (SshTransport transport = new SshTransport(SSHD.settings().idleExpiry(Duration.ofMillis(300)).build())) {
            assertThat(transport.exec(command("true")).ok()).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (transport.pooledConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertThat(transport.pooledConnections()).isZero();
            assertThat(transport.exec(command("true")).ok()).isTrue();
            assertThat(transport.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void twentyConcurrentCommandsStayWithinTheSessionLimit() {
        String dir = "/tmp/slurmops-sessions-" + UUID.randomUUID();
        // Each command registers itself, waits, then reports how many commands were registered at once.
        String script = "mkdir -p " + dir + " && touch " + dir + "/$$ && sleep 0.4 && ls " + dir
                + " | wc -l; rm -f " + dir + "/$$";
        List<HostCommand> commands = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            commands.add(command("sh", "-c", script));
        }

        try (SshTransport transport = new SshTransport(SSHD.settings().maxSessionsPerHost(4).build());
             Executor executor = new Executor(transport, 20)) {
            List<ExecResult> results = executor.runAll(commands);

            assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.outcome() + " " + r.stderr()).isTrue());
            int maxSeenRemotely = results.stream().mapToInt(r -> Integer.parseInt(r.stdout().trim())).max().orElse(0);
            assertThat(maxSeenRemotely).isBetween(2, 4);
            assertThat(transport.peakSessions(HOST)).isEqualTo(4);
            assertThat(transport.connectionsOpened()).isEqualTo(1);
        } finally {
            try (SshTransport cleanup = new SshTransport(SSHD.settings().build())) {
                cleanup.exec(command("rm", "-rf", dir));
            }
        }
    }

    @Test
    void theDefaultLimitKeepsBelowOpenSshMaxSessions() {
        List<HostCommand> commands = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            commands.add(command("sh", "-c", "sleep 0.3; echo " + i));
        }

        try (SshTransport transport = new SshTransport(SSHD.settings().build());
             Executor executor = new Executor(transport, 20)) {
            List<ExecResult> results = executor.runAll(commands);

            for (int i = 0; i < 20; i++) {
                assertThat(results.get(i).ok()).as(results.get(i).outcome()).isTrue();
                assertThat(results.get(i).stdout()).isEqualTo(i + "\n");
            }
            assertThat(transport.peakSessions(HOST)).isBetween(2, 8);
        }
    }
}
