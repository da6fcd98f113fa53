package io.slurmops.bot.lifecycle;

import io.slurmops.adapters.store.Lease;
import io.slurmops.adapters.store.SlurmopsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds one store lease for this instance: tries to take or renew it every {@code renewEvery}, so
 * a standby takes over within {@code ttl + renewEvery} of the leader's death. The lease runs on the
 * database's clock; this instance believes it holds the lease only until {@code ttl} after it SENT
 * its last successful renewal (measured on its own monotonic clock), which is never later than the
 * database's expiry, so two instances never both believe they lead. The fencing {@link #token} goes
 * with every write made as leader; the store refuses it once another instance holds the lease.
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private record Held(long token, long untilNanos) {
    }

    private final SlurmopsStore store;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final Duration renewEvery;
    private final ScheduledExecutorService scheduler;
    private volatile Held held;
    private volatile Runnable onAcquired = () -> { };

    public LeaseKeeper(SlurmopsStore store, String name, String holder, Duration ttl, Duration renewEvery) {
        this.store = store;
        this.name = name;
        this.holder = holder;
        this.ttl = ttl;
        this.renewEvery = renewEvery;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs when this instance newly takes the lease (a start, or a takeover): catch up on the work. */
    public void onAcquired(Runnable action) {
        this.onAcquired = action;
    }

    public LeaseKeeper start() {
        tryNow();
        scheduler.scheduleWithFixedDelay(this::tryNow, renewEvery.toMillis(), renewEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** One attempt to take or renew; what the scheduler runs, and what a caller may run to learn at once. */
    public synchronized boolean tryNow() {
        long sent = System.nanoTime();
        Held before = held;
        try {
            java.util.Optional<Lease> got = store.transaction(tx -> tx.acquireLease(name, holder, ttl));
            if (got.isEmpty()) {
                if (before != null) {
                    LOG.warn("lease {}: another instance holds it now; standing by", name);
                }
                held = null;
                return false;
            }
            held = new Held(got.get().token(), sent + ttl.toNanos());
            if (before == null || before.token() != got.get().token()) {
                LOG.info("lease {}: this instance holds it (token {})", name, got.get().token());
                runQuietly(onAcquired);
            }
            return true;
        } catch (RuntimeException e) {
            // The store is unreachable: keep leading only until the lease would have lapsed anyway.
            LOG.warn("lease {}: cannot renew ({}); leading until it lapses", name, e.getMessage());
            return holds();
        }
    }

    /** True while this instance holds the lease (by the conservative local deadline). */
    public boolean holds() {
        Held h = held;
        return h != null && System.nanoTime() - h.untilNanos() < 0;
    }

    /** The fencing token of the lease this instance holds; empty when it does not hold it. */
    public OptionalLong token() {
        Held h = held;
        return h != null && holds() ? OptionalLong.of(h.token()) : OptionalLong.empty();
    }

    public String name() {
        return name;
    }

    public String holder() {
        return holder;
    }

    private void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("lease {}: catching up after taking it failed: {}", name, e.getMessage());
        }
    }

    /** Stops renewing and releases the lease, so a standby takes over at its next try, not after the ttl. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        if (held != null) {
            try {
                store.transaction(tx -> {
                    tx.releaseLease(name, holder);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.debug("lease {} not released: {}", name, e.getMessage());
            }
            held = null;
        }
    }
}
