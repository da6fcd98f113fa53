package io.slurmops.commands.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ExecutorTest {

    private static final List<String> ARGV = List.of("uptime");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static List<String> hosts(int n) {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            hosts.add(String.format("node%03d", i));
        }
        return hosts;
    }

    @Test
    void windowIsNeverExceededAndIsFilled() {
        FakeTransport transport = new FakeTransport().delayAll(Duration.ofMillis(15));
        try (Executor executor = new Executor(transport, 8)) {
            List<ExecResult> results = executor.run(hosts(120), ARGV, TIMEOUT);

            assertThat(results).hasSize(120).allMatch(ExecResult::ok);
            assertThat(transport.maxInFlight()).isEqualTo(8);
        }
    }

    @Test
    void defaultFanoutIs64() {
        FakeTransport transport = new FakeTransport().delayAll(Duration.ofMillis(50));
        try (Executor executor = new Executor(transport)) {
            executor.run(hosts(200), ARGV, TIMEOUT);

            assertThat(executor.fanout()).isEqualTo(64);
            assertThat(transport.maxInFlight()).isBetween(2, 64);
        }
    }

    @Test
    void concurrentCallersShareOneWindow() throws Exception {
        FakeTransport transport = new FakeTransport().delayAll(Duration.ofMillis(10));
        try (Executor executor = new Executor(transport, 5)) {
            CompletableFuture<List<ExecResult>> a = CompletableFuture.supplyAsync(
                    () -> executor.run(hosts(40), ARGV, TIMEOUT));
            CompletableFuture<List<ExecResult>> b = CompletableFuture.supplyAsync(
                    () -> executor.run(hosts(40), List.of("hostname"), TIMEOUT));

            assertThat(a.get(20, TimeUnit.SECONDS)).hasSize(40).allMatch(r -> r.argv().equals(ARGV));
            assertThat(b.get(20, TimeUnit.SECONDS)).hasSize(40).allMatch(r -> r.argv().equals(List.of("hostname")));
            assertThat(transport.maxInFlight()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void resultsComeBackInHostOrderWhateverTheCompletionOrder() {
        List<String> hosts = hosts(30);
        FakeTransport transport = new FakeTransport();
        Random random = new Random(42);
        for (int i = 0; i < hosts.size(); i++) {
            // Earlier hosts are slower, so completion order is roughly reversed.
            transport.delay(hosts.get(i), Duration.ofMillis((30 - i) * 3L + random.nextInt(5)));
        }
        try (Executor executor = new Executor(transport, 10)) {
            List<ExecResult> results = executor.run(hosts, ARGV, TIMEOUT);

            assertThat(results).extracting(ExecResult::host).containsExactlyElementsOf(hosts);
            assertThat(results).allMatch(r -> r.stdout().equals("ok " + r.host() + "\n"));
        }
    }

    @Test
    void duplicateHostsRunOnce() {
        FakeTransport transport = new FakeTransport();
        try (Executor executor = new Executor(transport, 4)) {
            List<ExecResult> results = executor.run(List.of("b", "a", "b", "c", "a"), ARGV, TIMEOUT);

            assertThat(results).extracting(ExecResult::host).containsExactly("b", "a", "c");
            assertThat(transport.calledHosts()).hasSize(3);
        }
    }

    @Test
    void runAllKeepsPerCommandArgvAndOrder() {
        FakeTransport transport = new FakeTransport()
                .answer("n1", c -> ExecResult.exited(c, 0, String.join(" ", c.argv()), "", Duration.ZERO));
        List<HostCommand> commands = List.of(
                new HostCommand("n1", List.of("echo", "one"), TIMEOUT),
                new HostCommand("n2", List.of("true"), TIMEOUT),
                new HostCommand("n1", List.of("echo", "two"), TIMEOUT));
        try (Executor executor = new Executor(transport, 2)) {
            List<ExecResult> results = executor.runAll(commands);

            assertThat(results).extracting(ExecResult::stdout).containsExactly("echo one", "ok n2\n", "echo two");
        }
    }

    @Test
    void hostFailuresComeBackAsResults() {
        FakeTransport transport = new FakeTransport()
                .fail("node002", FailureKind.REFUSED, "Connection refused")
                .answer("node003", c -> {
                    throw new IllegalStateException("transport bug\nsecond line");
                })
                .answer("node004", c -> null);
        try (Executor executor = new Executor(transport, 4)) {
            List<ExecResult> results = executor.run(hosts(4), ARGV, TIMEOUT);

            assertThat(results.get(0).ok()).isTrue();
            assertThat(results.get(1).failure()).isEqualTo(FailureKind.REFUSED);
            assertThat(results.get(2).failure()).isEqualTo(FailureKind.ERROR);
            assertThat(results.get(2).detail()).isEqualTo("IllegalStateException: transport bug");
            assertThat(results.get(3).failure()).isEqualTo(FailureKind.ERROR);
            assertThat(results.get(3).detail()).contains("no result");
        }
    }

    @Test
    void deadlineStopsWaitingForAHungTransport() {
        FakeTransport transport = new FakeTransport().hang("node002");
        try (Executor executor = new Executor(transport, 4)) {
            List<HostCommand> commands = new ArrayList<>();
            for (String host : hosts(3)) {
                commands.add(new HostCommand(host, ARGV, Duration.ofMillis(100)));
            }
            long start = System.nanoTime();
            List<ExecResult> results = executor.runAll(commands, Duration.ofMillis(300));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(tookMillis).isLessThan(2_000);
            assertThat(results.get(0).ok()).isTrue();
            assertThat(results.get(1).failure()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(results.get(1).detail()).isEqualTo("fan-out deadline of 300ms exceeded");
            assertThat(results.get(2).ok()).isTrue();
        } finally {
            transport.releaseHung();
        }
    }

    @Test
    void defaultDeadlineCoversEveryRound() {
        try (Executor executor = new Executor(new FakeTransport(), 10, Duration.ofSeconds(2))) {
            List<HostCommand> commands = new ArrayList<>();
            for (String host : hosts(25)) {
                commands.add(new HostCommand(host, ARGV, Duration.ofSeconds(host.endsWith("7") ? 8 : 3)));
            }

            // 3 rounds of (longest timeout 8 s + 2 s slack).
            assertThat(executor.defaultDeadline(commands)).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void interruptCancelsTheRestAndKeepsFinishedResults() throws Exception {
        FakeTransport transport = new FakeTransport().delayAll(Duration.ofSeconds(10)).delay("node001", Duration.ZERO);
        AtomicReference<List<ExecResult>> results = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (Executor executor = new Executor(transport, 2)) {
            Thread caller = new Thread(() -> {
                results.set(executor.run(hosts(10), ARGV, Duration.ofSeconds(20)));
                interruptKept.set(Thread.currentThread().isInterrupted());
                done.countDown();
            });
            caller.start();
            Thread.sleep(300);
            caller.interrupt();

            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        List<ExecResult> list = results.get();
        assertThat(list).hasSize(10);
        assertThat(list.get(0).ok()).isTrue();
        assertThat(list.subList(1, 10)).allMatch(r -> r.failure() == FailureKind.ERROR && r.detail().equals("cancelled"));
        assertThat(interruptKept.get()).isTrue();
        // Only the first window ever reached the transport; queued commands never started.
        assertThat(transport.calledHosts().size()).isLessThanOrEqualTo(3);
    }

    @Test
    void isReusableAndRefusesWorkAfterClose() {
        FakeTransport transport = new FakeTransport();
        Executor executor = new Executor(transport, 3);
        assertThat(executor.run(hosts(5), ARGV, TIMEOUT)).allMatch(ExecResult::ok);
        assertThat(executor.run(hosts(7), ARGV, TIMEOUT)).hasSize(7).allMatch(ExecResult::ok);

        executor.close();

        assertThatThrownBy(() -> executor.run(hosts(1), ARGV, TIMEOUT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new Executor(new FakeTransport(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
