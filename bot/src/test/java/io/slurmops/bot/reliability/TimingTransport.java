package io.slurmops.bot.reliability;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The real transport, timed: each call's duration is added to the calling thread's tally, so that
 * the time a command spent in the cluster can be taken out of its handling time. Read and reset by
 * {@link #takeThreadNanos()} when the command is done (status and nodes call Slurm on the handling thread).
 */
final class TimingTransport implements Transport {

    private final Transport real;
    private final ThreadLocal<long[]> tally = ThreadLocal.withInitial(() -> new long[1]);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();

    TimingTransport(Transport real) {
        this.real = real;
    }

    @Override
    public ExecResult exec(HostCommand command) {
        long t0 = System.nanoTime();
        try {
            return real.exec(command);
        } finally {
            long took = System.nanoTime() - t0;
            tally.get()[0] += took;
            calls.incrementAndGet();
            totalNanos.addAndGet(took);
        }
    }

    /** The cluster time of this thread since the last call, and a fresh start. */
    long takeThreadNanos() {
        long[] t = tally.get();
        long n = t[0];
        t[0] = 0;
        return n;
    }

    long calls() {
        return calls.get();
    }

    long totalNanos() {
        return totalNanos.get();
    }

    @Override
    public void close() {
        real.close();
    }
}
