package io.slurmops.bot.completion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A value fetched in the background and read from memory: {@link #get()} never waits for the fetch.
 * When the value is older than {@code maxAge} a read starts one refresh (never two at once) and
 * returns what it has meanwhile; a failed refresh keeps the old value. Autocomplete must answer
 * within 3 s even when slurmctld takes 30 s to answer sinfo.
 */
final class Snapshot<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshot.class);

    private final String what;
    private final Supplier<T> fetch;
    private final Duration maxAge;
    private final Executor executor;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile T value;
    private volatile Instant fetchedAt = Instant.MIN;

    Snapshot(String what, T initial, Supplier<T> fetch, Duration maxAge, Executor executor, Clock clock) {
        this.what = what;
        this.value = initial;
        this.fetch = fetch;
        this.maxAge = maxAge;
        this.executor = executor;
        this.clock = clock;
    }

    T get() {
        if (fetchedAt.plus(maxAge).isBefore(clock.instant())) {
            refresh();
        }
        return value;
    }

    /** Starts a fetch unless one is running. */
    void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    value = fetch.get();
                    fetchedAt = clock.instant();
                } catch (RuntimeException e) {
                    LOG.debug("refreshing {} for autocomplete failed: {}", what, e.toString());
                } finally {
                    refreshing.set(false);
                }
            });
        } catch (RuntimeException e) {
            refreshing.set(false);                        // executor shut down: keep what we have
        }
    }
}
