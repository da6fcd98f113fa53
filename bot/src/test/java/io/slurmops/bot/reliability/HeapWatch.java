package io.slurmops.bot.reliability;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the used heap every 100 ms while a load runs: the peak, garbage included. */
final class HeapWatch {

    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;

    private HeapWatch() {
        sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
    }

    static HeapWatch start() {
        HeapWatch w = new HeapWatch();
        w.sampler.start();
        return w;
    }

    /** Stops sampling; the peak used heap in bytes. */
    long stop() throws InterruptedException {
        sampler.interrupt();
        sampler.join(1000);
        return peak.get();
    }
}
