package io.slurmops.commands.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory stand-in for the network edge: answers per host from a script, optionally after a
 * delay, and measures how many calls were in flight at once.
 */
public final class FakeTransport implements Transport {

    private final Map<String, Function<HostCommand, ExecResult>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Boolean> hanging = new ConcurrentHashMap<>();
    private final CountDownLatch releaseHung = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<String> called = new CopyOnWriteArrayList<>();
    private volatile Duration defaultDelay = Duration.ZERO;

    /** Every host not scripted otherwise prints "ok &lt;host&gt;" and exits 0. */
    public FakeTransport() {
    }

    public FakeTransport answer(String host, Function<HostCommand, ExecResult> script) {
        scripts.put(host, script);
        return this;
    }

    public FakeTransport exitWith(String host, int code, String stdout) {
        return answer(host, c -> ExecResult.exited(c, code, stdout, "", Duration.ofMillis(1)));
    }

    public FakeTransport fail(String host, FailureKind kind, String detail) {
        return answer(host, c -> ExecResult.failed(c, kind, detail, "", "", Duration.ofMillis(1)));
    }

    public FakeTransport delay(String host, Duration delay) {
        delays.put(host, delay);
        return this;
    }

    public FakeTransport delayAll(Duration delay) {
        this.defaultDelay = delay;
        return this;
    }

    /** This host blocks and ignores interrupts until {@link #releaseHung()}: a transport bug. */
    public FakeTransport hang(String host) {
        hanging.put(host, true);
        return this;
    }

    public void releaseHung() {
        releaseHung.countDown();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<String> calledHosts() {
        return List.copyOf(called);
    }

    @Override
    public ExecResult exec(HostCommand command) {
        String host = command.host();
        called.add(host);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (hanging.containsKey(host)) {
                awaitIgnoringInterrupts();
            }
            Duration delay = delays.getOrDefault(host, defaultDelay);
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExecResult.failed(command, FailureKind.ERROR, "interrupted", "", "", delay);
                }
            }
            Function<HostCommand, ExecResult> script = scripts.get(host);
            return script != null ? script.apply(command)
                    : ExecResult.exited(command, 0, "ok " + host + "\n", "", Duration.ofMillis(1));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void awaitIgnoringInterrupts() {
        boolean interrupted = false;
        while (true) {
            try {
                releaseHung.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
