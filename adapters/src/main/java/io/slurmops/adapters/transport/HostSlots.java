package io.slurmops.adapters.transport;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session limit of one host: OpenSSH refuses channels beyond MaxSessions (10) on a connection,
 * so concurrent commands to one host queue here instead. Also records the highest concurrency seen.
 */
final class HostSlots {

    private final Semaphore permits;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    HostSlots(int max) {
        this.permits = new Semaphore(max, true);
    }

    /** @return false when no slot freed up within {@code wait} */
    boolean tryAcquire(Duration wait) throws InterruptedException {
        if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        peak.accumulateAndGet(active.incrementAndGet(), Math::max);
        return true;
    }

    void release() {
        active.decrementAndGet();
        permits.release();
    }

    int peak() {
        return peak.get();
    }
}
