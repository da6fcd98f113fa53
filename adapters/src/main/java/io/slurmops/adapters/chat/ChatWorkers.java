package io.slurmops.adapters.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that run the bot's handler, off the platform library's own threads: a Slurm command may
 * take seconds, and blocking Slack's socket reader or JDA's event thread would delay acks and
 * heartbeats and get the connection dropped.
 */
public final class ChatWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatWorkers.class);

    /**
     * Per platform. A command blocks its thread for its Slurm calls (~0.1 s each, seconds when slurmctld
     * is slow); with 4, 50 lines/s queued up to 40 s behind one another (LoadReliability, issue 18).
     */
    public static final int THREADS = 16;

    private final ExecutorService pool;

    public ChatWorkers(String platform, int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, platform + "-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void submit(Runnable task) {
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("chat handler task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("dropping a chat event after close");
        }
    }

    /** Lets running commands finish for a few seconds, then interrupts them. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
