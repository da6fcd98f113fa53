package io.slurmops.bot.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Stops an executor so that the store can close after it: no new work, the work in flight finishes
 * (within a bound), and only then is whatever is left interrupted. shutdownNow alone let a poll run
 * on while the store closed under it ("Database is already closed").
 */
public final class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private GracefulStop() {
    }

    /**
     * True when the executor has terminated. Work only scheduled for later (tomorrow's backup, a
     * follow-up check) is dropped at once: a scheduled pool otherwise runs its delayed tasks after
     * shutdown, and the wait sat out the whole bound for a task due hours later.
     */
    public static boolean stop(ExecutorService executor, Duration bound, String what) {
        if (executor instanceof ScheduledThreadPoolExecutor scheduled) {
            scheduled.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            scheduled.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        }
        executor.shutdown();
        try {
            if (executor.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("{} still busy after {} s; interrupting it", what, bound.toSeconds());
            executor.shutdownNow();
            return executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
