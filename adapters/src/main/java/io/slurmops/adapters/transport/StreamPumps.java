package io.slurmops.adapters.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that move bytes between a command and memory: one per output stream and one for stdin,
 * so that neither side can block the other (a full stdout pipe or SSH window while we wait on
 * stderr is the classic deadlock). Daemon threads, so a leaked pump never keeps the JVM alive.
 */
final class StreamPumps implements AutoCloseable {

    private final ExecutorService threads;

    StreamPumps(String threadPrefix) {
        AtomicInteger ids = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadPrefix + ids.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Copies {@code in} into {@code sink} until end of stream or until the stream is torn down. */
    Future<?> drain(InputStream in, CappedOutput sink) {
        return threads.submit(() -> {
            try (in) {
                sink.drainFrom(in);
            } catch (IOException e) {
                // Torn down by a kill or a lost connection: keep what arrived.
            }
        });
    }

    /** Writes {@code bytes} and closes {@code out} (end of input); closes at once when there are none. */
    void feed(OutputStream out, byte[] bytes) {
        if (bytes.length == 0) {
            closeQuietly(out);
            return;
        }
        // Not on the caller's thread: a command that never reads would block it past its timeout.
        threads.submit(() -> {
            try (out) {
                out.write(bytes);
            } catch (IOException e) {
                // The command exited or closed its input early: not a failure of the command.
            }
        });
    }

    /** Waits up to {@code nanos} in total for the pumps; a pump still running keeps its partial output. */
    static void await(long nanos, Future<?>... pumps) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (Future<?> pump : pumps) {
            try {
                pump.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // partial output is fine; the pump ends when the stream closes
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
