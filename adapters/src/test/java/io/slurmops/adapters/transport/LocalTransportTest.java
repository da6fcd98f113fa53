package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LocalTransportTest {

    private final LocalTransport transport = new LocalTransport(LocalTransport.DEFAULT_MAX_OUTPUT_BYTES,
            Duration.ofMillis(500));

    @AfterEach
    void close() {
        transport.close();
    }

    private static HostCommand local(Duration timeout, String... argv) {
        return new HostCommand(HostCommand.LOCAL, List.of(argv), timeout);
    }

    private static HostCommand sh(String script) {
        return local(Duration.ofSeconds(20), "sh", "-c", script);
    }

    @Test
    void returnsExitCodeStdoutAndStderr() {
        ExecResult result = transport.exec(sh("echo out; echo err >&2; exit 3"));

        assertThat(result.failure()).isEqualTo(FailureKind.NONE);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.host()).isEqualTo("localhost");
    }

    @Test
    void passesArgvWithoutAShell() {
        ExecResult result = transport.exec(local(Duration.ofSeconds(10), "printf", "%s|", "$(id)", "*", "a b"));

        assertThat(result.stdout()).isEqualTo("$(id)|*|a b|");
    }

    @Test
    void drainsTenMegabytesOnBothStreamsWithoutDeadlock() {
        LocalTransport roomy = new LocalTransport(16 * 1024 * 1024, Duration.ofMillis(500));
        try {
            ExecResult result = roomy.exec(sh(
                    "head -c 10485760 /dev/zero | tr '\\0' e >&2 & head -c 10485760 /dev/zero | tr '\\0' o; wait"));

            assertThat(result.ok()).isTrue();
            assertThat(result.stdout()).hasSize(10 * 1024 * 1024).matches("o+");
            assertThat(result.stderr()).hasSize(10 * 1024 * 1024).matches("e+");
        } finally {
            roomy.close();
        }
    }

    @Test
    void capsOutputWithAMarker() {
        ExecResult result = transport.exec(sh("head -c 10485760 /dev/zero | tr '\\0' o"));

        assertThat(result.ok()).isTrue();
        String kept = "o".repeat(LocalTransport.DEFAULT_MAX_OUTPUT_BYTES);
        assertThat(result.stdout()).startsWith(kept)
                .endsWith("\n[output truncated: " + (10485760 - LocalTransport.DEFAULT_MAX_OUTPUT_BYTES)
                        + " more bytes not shown]\n");
    }

    @Test
    void killsASleepingProcessOnTimeAndKeepsPartialOutput() {
        long start = System.nanoTime();
        ExecResult result = transport.exec(local(Duration.ofSeconds(1), "sh", "-c", "echo started; exec sleep 30"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(result.detail()).isEqualTo("killed after 1s");
        assertThat(result.stdout()).isEqualTo("started\n");
        assertThat(tookMillis).isBetween(900L, 3_000L);
    }

    @Test
    void killsTheWholeProcessTree() throws Exception {
        ExecResult result = transport.exec(local(Duration.ofSeconds(1), "sh", "-c",
                "sleep 30 & echo $!; sh -c 'sleep 31 & echo $!; wait' & wait"));

        assertThat(result.failure()).isEqualTo(FailureKind.TIMEOUT);
        List<Long> pids = result.stdout().lines().map(Long::parseLong).toList();
        assertThat(pids).hasSize(2);
        for (long pid : pids) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                handle.get().onExit().get(2, TimeUnit.SECONDS);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %d", pid).isNotEqualTo(Optional.of(true));
        }
    }

    @Test
    void forceKillsAProcessThatIgnoresTerm() {
        long start = System.nanoTime();
        ExecResult result = transport.exec(local(Duration.ofSeconds(1), "sh", "-c",
                "trap '' TERM; echo ready; while :; do sleep 0.1; done"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(result.stdout()).isEqualTo("ready\n");
        assertThat(tookMillis).isLessThan(4_000L);
    }

    @Test
    void roundTripsStdinThroughCat() {
        byte[] input = "line one\nzwei 🚀\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);

        ExecResult result = transport.exec(new HostCommand(HostCommand.LOCAL, List.of("cat"), Duration.ofSeconds(20),
                input));

        assertThat(result.ok()).isTrue();
        assertThat(result.stdout().getBytes(StandardCharsets.UTF_8)).isEqualTo(input);
    }

    @Test
    void aProcessThatIgnoresItsStdinDoesNotBlockUs() {
        byte[] input = new byte[1024 * 1024];

        ExecResult result = transport.exec(new HostCommand(HostCommand.LOCAL, List.of("true"), Duration.ofSeconds(5),
                input));

        assertThat(result.ok()).isTrue();
    }

    @Test
    void reportsAMissingProgramClearly() {
        ExecResult result = transport.exec(local(Duration.ofSeconds(5), "slurmops-no-such-program", "x"));

        assertThat(result.failure()).isEqualTo(FailureKind.ERROR);
        assertThat(result.detail()).isEqualTo("no such program: slurmops-no-such-program");
        assertThat(result.outcome()).isEqualTo("could not run: no such program: slurmops-no-such-program");
    }

    @Test
    void aBackgroundChildHoldingThePipeCannotStretchTheTimeout() {
        long start = System.nanoTime();
        ExecResult result = transport.exec(local(Duration.ofSeconds(1), "sh", "-c", "sleep 4 & echo done"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).isEqualTo("done\n");
        assertThat(tookMillis).isLessThan(2_500L);
    }

    @Test
    void refusesWorkAfterClose() {
        transport.close();

        ExecResult result = transport.exec(local(Duration.ofSeconds(5), "true"));

        assertThat(result.failure()).isEqualTo(FailureKind.ERROR);
        assertThat(result.detail()).contains("closed");
    }
}
