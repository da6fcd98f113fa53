package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Command behaviour over a real OpenSSH server. */
// A throwaway sshd as root with a dedicated login user (TestSshd): lab tier, not the fast one.
@Tag("ssh")
@Tag("lab")
@Timeout(120)
class SshTransportTest {

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    private static final String HOST = "127.0.0.1";
    private static SshTransport transport;

    @BeforeAll
    static void connect() {
        transport = new SshTransport(SSHD.settings().maxOutputBytes(8 * 1024 * 1024).build());
    }

    @AfterAll
    static void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private static HostCommand command(Duration timeout, String... argv) {
        return new HostCommand(HOST, List.of(argv), timeout);
    }

    private static HostCommand sh(String script) {
        return command(Duration.ofSeconds(30), "sh", "-c", script);
    }

    @Test
    void returnsExitCodeStdoutAndStderr() {
        ExecResult result = transport.exec(sh("echo out; echo err >&2; exit 7"));

        assertThat(result.failure()).as(result.outcome()).isEqualTo(FailureKind.NONE);
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void runsAsTheConfiguredUserWithAQuietShell() {
        ExecResult result = transport.exec(command(Duration.ofSeconds(10), "id", "-un"));

        assertThat(result.ok()).as(result.outcome()).isTrue();
        assertThat(result.stdout()).isEqualTo(TestSshd.USER + "\n");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void fiveMegabytesOnBothStreamsDoNotHang() {
        long start = System.nanoTime();
        ExecResult result = transport.exec(sh(
                "head -c 3000000 /dev/zero | tr '\\0' e >&2 & head -c 5000000 /dev/zero | tr '\\0' o; wait"));

        assertThat(result.ok()).as(result.outcome()).isTrue();
        assertThat(result.stdout()).hasSize(5_000_000).matches("o+");
        assertThat(result.stderr()).hasSize(3_000_000).matches("e+");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
    }

    @Test
    void capsOutputPerStream() {
        SshTransport capped = new SshTransport(SSHD.settings().maxOutputBytes(1000).build());
        try {
            ExecResult result = capped.exec(sh("head -c 5000000 /dev/zero | tr '\\0' o"));

            assertThat(result.ok()).as(result.outcome()).isTrue();
            assertThat(result.stdout()).startsWith("o".repeat(1000) + "\n")
                    .endsWith("[output truncated: 4999000 more bytes not shown]\n");
        } finally {
            capped.close();
        }
    }

    @Test
    void timeoutKillsTheRemoteCommand() throws Exception {
        long start = System.nanoTime();
        ExecResult result = transport.exec(command(Duration.ofSeconds(1), "sleep", "37"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(result.detail()).isEqualTo("killed after 1s");
        assertThat(tookMillis).isBetween(900L, 2_500L);
        assertThat(remoteSleepGone("37")).as("remote 'sleep 37' was killed").isTrue();
    }

    @Test
    void timeoutKeepsPartialOutput() {
        ExecResult result = transport.exec(command(Duration.ofSeconds(1), "sh", "-c", "echo started; sleep 38"));

        assertThat(result.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(result.stdout()).isEqualTo("started\n");
    }

    @Test
    void stdinRoundTripsThroughCat() {
        byte[] input = "stdin über ssh 🚀\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        ExecResult result = transport.exec(new HostCommand(HOST, List.of("cat"), Duration.ofSeconds(30), input));

        assertThat(result.ok()).as(result.outcome()).isTrue();
        assertThat(result.stdout().getBytes(StandardCharsets.UTF_8)).isEqualTo(input);
    }

    @Test
    void aMissingRemoteProgramExitsWith127() {
        ExecResult result = transport.exec(command(Duration.ofSeconds(10), "slurmops-no-such-program"));

        assertThat(result.failure()).isEqualTo(FailureKind.NONE);
        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr()).contains("not found");
    }

    @Test
    void anArgvWithNulIsRefusedBeforeConnecting() {
        ExecResult result = transport.exec(command(Duration.ofSeconds(10), "echo", "a\0b"));

        assertThat(result.failure()).isEqualTo(FailureKind.ERROR);
        assertThat(result.detail()).contains("NUL");
    }

    @Test
    void defaultCommandTimeoutComesFromTheSettings() {
        SshTransport withDefault = new SshTransport(SSHD.settings().defaultCommandTimeout(Duration.ofSeconds(42)).build());
        try {
            assertThat(withDefault.command("node001", List.of("true")).timeout()).isEqualTo(Duration.ofSeconds(42));
        } finally {
            withDefault.close();
        }
    }

    @Test
    void aMissingKeyIsAConfigurationError() {
        SshSettings settings = SshSettings.builder(TestSshd.USER, Path.of("/nonexistent/id_ed25519"),
                SSHD.knownHosts()).build();

        assertThatThrownBy(() -> new SshTransport(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key");
    }

    /** Waits up to 3 s for no process of the test user to be running {@code sleep <marker>}. */
    private static boolean remoteSleepGone(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            boolean running = ProcessHandle.allProcesses().anyMatch(p ->
                    p.info().user().filter(TestSshd.USER::equals).isPresent()
                            && p.info().command().filter(c -> c.endsWith("/sleep")).isPresent()
                            && p.info().arguments().filter(a -> a.length == 1 && a[0].equals(marker)).isPresent());
            if (!running) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
