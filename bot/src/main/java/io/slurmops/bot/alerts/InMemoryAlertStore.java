package io.slurmops.bot.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Alert state in memory: for tests and for a bot started without a store. */
public final class InMemoryAlertStore implements AlertStore {

    private final Map<Long, Incident> incidents = new LinkedHashMap<>();
    private final List<Silence> silences = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long nextIncidentId() {
        return ids.incrementAndGet();
    }

    @Override
    public synchronized Optional<Incident> latest(String key) {
        return incidents.values().stream().filter(i -> i.key().equals(key)).max(Comparator.comparingLong(Incident::id));
    }

    @Override
    public synchronized List<Incident> open() {
        return incidents.values().stream().filter(Incident::isOpen).toList();
    }

    @Override
    public synchronized List<Incident> since(Instant since) {
        return incidents.values().stream().filter(i -> !i.openedAt().isBefore(since))
                .sorted(Comparator.comparing(Incident::openedAt).reversed()).toList();
    }

    @Override
    public synchronized Optional<Incident> byMessage(String platform, String channelId, String messageId) {
        return incidents.values().stream().filter(i -> i.message() != null
                && i.message().is(platform, channelId, messageId)).max(Comparator.comparingLong(Incident::id));
    }

    @Override
    public synchronized void save(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    @Override
    public synchronized Silence addSilence(String target, Instant until, String reason, String by, Instant now) {
        Silence s = new Silence(silences.size() + 1L, target, until, reason, by, now);
        silences.add(s);
        return s;
    }

    @Override
    public synchronized List<Silence> activeSilences(Instant now) {
        return silences.stream().filter(s -> s.activeAt(now)).toList();
    }
}
