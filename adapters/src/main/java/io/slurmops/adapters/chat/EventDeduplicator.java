package io.slurmops.adapters.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;

/**
 * Remembers delivery ids so a redelivered event runs once. Slack redelivers an event after 0, 1 and
 * 5 minutes when it thinks the ack was lost; Discord replays events after a resume. Ids are kept for
 * 10 minutes from their first sighting (expire after write: a retry must not extend the window
 * forever), bounded so that a flood cannot exhaust memory.
 */
public final class EventDeduplicator {

    public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(10);

    private final Cache<String, Boolean> seen;

    public EventDeduplicator() {
        this(DEFAULT_RETENTION, Ticker.systemTicker());
    }

    public EventDeduplicator(Duration retention, Ticker ticker) {
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(retention)
                .maximumSize(100_000)
                .ticker(ticker)
                .build();
    }

    /** True the first time an id is offered within the retention, false for every repeat. Atomic. */
    public boolean firstTime(String id) {
        return seen.asMap().putIfAbsent(id, Boolean.TRUE) == null;
    }
}
