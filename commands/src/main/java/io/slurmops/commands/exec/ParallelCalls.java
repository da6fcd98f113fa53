package io.slurmops.commands.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Independent calls run side by side (the checks of {@code health}, one timed {@code date} per node of
 * {@code check clock}), at most {@code limit} threads at a time for the whole bot rather than a new
 * pool per call. When every thread is busy the caller runs the call itself: a check that fans out
 * from inside another check can never wait for a thread its own caller holds.
 */
public final class ParallelCalls implements AutoCloseable {

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final ThreadPoolExecutor pool;

    public ParallelCalls(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        String prefix = "calls-" + POOL_IDS.incrementAndGet() + "-";
        AtomicInteger ids = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, limit, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, prefix + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (task, executor) -> {
            if (executor.isShutdown()) {
                throw new RejectedExecutionException("parallel calls are closed");
            }
            task.run();
        });
    }

    /**
     * Runs every call and returns their results in the order given; a call that throws gives
     * {@code onFailure}'s value for its exception instead.
     */
    public <T> List<T> all(List<? extends Callable<T>> calls, Function<Throwable, T> onFailure) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> c : calls) {
            futures.add(pool.submit(c));
        }
        List<T> out = new ArrayList<>();
        boolean interrupted = false;
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                out.add(onFailure.apply(e.getCause() == null ? e : e.getCause()));
            } catch (InterruptedException e) {
                interrupted = true;
                f.cancel(true);
                out.add(onFailure.apply(e));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Threads still running finish their call; new calls are refused. */
    @Override
    public void close() {
        pool.shutdown();
    }

    /** The most threads this runs calls on at once. */
    public int limit() {
        return pool.getMaximumPoolSize();
    }
}
