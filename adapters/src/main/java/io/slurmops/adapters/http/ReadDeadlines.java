package io.slurmops.adapters.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A per-request read deadline for the JDK server, whose workers read a request's headers and body
 * with blocking reads and no timeout: a client that sends them slowly (or never) would hold a worker
 * for good. Each worker task is "reading" from its start until {@link #doneReading()}; a watchdog
 * interrupts a task still reading past its deadline, which closes its (interruptible) socket channel
 * and frees the worker. The JDK's own knob ({@code sun.net.httpserver.maxReqTime}) is a JVM-wide
 * property read once, when the first server of the process starts, so it cannot be relied on here.
 */
final class ReadDeadlines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadDeadlines.class);

    private final long timeoutNanos;
    /** Worker thread → the System.nanoTime() by which it must have read its request. */
    private final Map<Thread, Long> reading = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;

    ReadDeadlines(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the read timeout must be positive");
        }
        this.timeoutNanos = timeout.toNanos();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-read-deadlines");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Runs the server's tasks on {@code workers}, each under a read deadline. */
    Executor around(Executor workers) {
        return task -> workers.execute(() -> {
            reading.put(Thread.currentThread(), System.nanoTime() + timeoutNanos);
            try {
                task.run();
            } finally {
                doneReading();
            }
        });
    }

    /**
     * The request is read: what follows (the endpoint, the response) is ours and must not be cut. Clears
     * an interrupt that raced with this call, so the endpoint starts with a clean thread.
     */
    synchronized void doneReading() {
        reading.remove(Thread.currentThread());
        Thread.interrupted();
    }

    private synchronized void sweep() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Thread, Long>> it = reading.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Thread, Long> e = it.next();
            if (now - e.getValue() > 0) {
                it.remove();
                LOG.warn("http: a request was not received within {} ms; its connection is closed",
                        TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                e.getKey().interrupt();
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
