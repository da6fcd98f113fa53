package io.slurmops.bot.alerts;

import io.slurmops.commands.alerts.HealthProbe;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.alerts.ProbeUnavailableException;
import io.slurmops.commands.catalog.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs each probe on its own interval, reconciles what it saw into incidents and posts only the
 * transitions. Silenced incidents are tracked but not posted; an open incident whose silence ends
 * is posted then. After an approved change ran, the probes with open incidents are re-checked at once
 * and then every {@code confirmEvery} (not whole intervals) until their recovery is confirmed.
 */
public final class AlertService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final List<HealthProbe> probes;
    private final IncidentTracker tracker;
    private final AlertStore store;
    private final AlertPoster poster;
    private final Supplier<CommandContext> context;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier leader;
    private final MaintenanceNodes maintenance = new MaintenanceNodes();
    private volatile boolean leading = true;
    private volatile Supplier<List<Silence>> plannedWork = List::of;
    private volatile Duration confirmEvery = Duration.ofSeconds(2);

    /**
     * Quick re-checks after a change while the fault is still seen: a fix may take a moment to show (a
     * restarted slurmd registers, a started slurmctld answers). Past them the probe's own interval rules.
     */
    static final int SETTLE_CHECKS = 15;
    /** Probe name → re-checks left while its fault is still seen, for the one chain of re-checks per probe. */
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> followingUp =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<java.time.Duration> latency = d -> { };
    private final TriageThread triage;

    public AlertService(List<HealthProbe> probes, IncidentTracker tracker, AlertStore store, AlertPoster poster,
                        Supplier<CommandContext> context, Clock clock) {
        this(probes, tracker, store, poster, context, clock, () -> true);
    }

    /**
     * @param leader true while this instance holds the alert lease: with several instances on one
     *               store only the holder watches, so nothing is posted twice
     */
    public AlertService(List<HealthProbe> probes, IncidentTracker tracker, AlertStore store, AlertPoster poster,
                        Supplier<CommandContext> context, Clock clock, BooleanSupplier leader) {
        this.leader = leader;
        this.probes = List.copyOf(probes);
        this.tracker = tracker;
        this.store = store;
        this.poster = poster;
        this.context = context;
        this.clock = clock;
        this.triage = new TriageThread(poster, store);
        this.scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(4, probes.size())), r -> {
            Thread t = new Thread(r, "alerts");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Work in progress that makes alerts on purpose (a runbook run that stopped slurmctld, set nodes
     * down): its silences are held like a maintenance reservation's while the source returns them, and
     * an incident still open when they are lifted is posted then.
     */
    public void holdPlannedWork(Supplier<List<Silence>> source) {
        this.plannedWork = source;
    }

    /**
     * The spacing of the quick re-checks after a change (at most the probe's interval): the clean polls
     * that confirm a recovery are this far apart, so a fault that returns within it still counts as one.
     */
    public void confirmEvery(Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("confirmEvery must be positive");
        }
        this.confirmEvery = every;
    }

    /**
     * An approved change has run (a suggested fix, or one a person typed): re-checks at once every probe
     * that has an open incident, then keeps checking every {@code confirmEvery} while one of its incidents
     * waits for confirming polls or, for up to {@value #SETTLE_CHECKS} checks, while its fault is still seen.
     * One chain of re-checks per probe: a second change while one runs renews its budget instead of
     * starting another, so confirming polls stay {@code confirmEvery} apart.
     */
    public void afterChange() {
        if (scheduler.isShutdown()) {
            return;
        }
        java.util.Set<String> open = new java.util.HashSet<>();
        try {
            store.open().forEach(i -> open.add(i.probe()));
        } catch (RuntimeException e) {
            LOG.warn("open incidents unknown after a change ({}); the next polls will see the recovery", e.getMessage());
            return;
        }
        for (HealthProbe p : probes) {
            if (!open.contains(p.name())) {
                continue;
            }
            boolean[] start = {false};
            followingUp.compute(p.name(), (name, left) -> {
                if (left == null) {
                    start[0] = true;
                    return new java.util.concurrent.atomic.AtomicInteger(SETTLE_CHECKS);
                }
                left.set(SETTLE_CHECKS);
                return left;
            });
            if (start[0]) {
                execute(() -> followUp(p));
            }
        }
    }

    /** One quick re-check; schedules the next while a recovery waits for confirmation or the fix may still settle. */
    private void followUp(HealthProbe p) {
        runSafely(p);
        List<Incident> open;
        try {
            open = store.open().stream().filter(i -> i.probe().equals(p.name())).toList();
        } catch (RuntimeException e) {
            LOG.warn("probe {}: no follow-up check ({})", p.name(), e.getMessage());
            open = List.of();
        }
        boolean confirming = open.stream().anyMatch(i -> i.missedPolls() > 0);
        boolean faultSeen = !open.isEmpty();
        boolean[] again = {false};
        followingUp.computeIfPresent(p.name(), (name, left) -> {
            int remaining = confirming ? left.get() : left.decrementAndGet();
            // Not leading: the lease holder watches, and its store state is not ours to chase.
            again[0] = leading && (confirming || (faultSeen && remaining > 0));
            return again[0] ? left : null;
        });
        if (again[0]) {
            schedule(() -> followUp(p), confirmEvery.compareTo(p.interval()) < 0 ? confirmEvery : p.interval());
        }
    }

    private void execute(Runnable r) {
        try {
            scheduler.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("closing: a follow-up check is dropped");
        }
    }

    private void schedule(Runnable r, Duration after) {
        try {
            scheduler.schedule(r, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("closing: a follow-up check is dropped");
        }
    }

    /**
     * Told, for each incident posted, how long it took from the start of the poll that saw it (or from
     * the webhook's arrival) until the post went out: the alert latency (metrics).
     */
    public void onPosted(java.util.function.Consumer<java.time.Duration> latency) {
        this.latency = latency;
    }

    /**
     * Checks that could not read a node note it here; the note goes into that node's incident thread
     * (one fault, one incident) instead of an incident of the check's own.
     */
    public void attachSymptoms(io.slurmops.commands.alerts.NodeSymptoms symptoms) {
        triage.symptomsFrom(symptoms);
    }

    /** The symptoms of other checks attached to an incident so far (its record of them). */
    public List<io.slurmops.commands.alerts.NodeSymptoms.Symptom> symptomsOf(long incidentId) {
        return triage.attachedTo(incidentId);
    }

    public void start() {
        for (HealthProbe p : probes) {
            scheduler.scheduleWithFixedDelay(() -> runSafely(p), 0, p.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs one probe now (also what an event source such as a Slurm trigger calls). */
    public void runNow(String probeName) {
        if (scheduler.isShutdown()) {
            return;                                    // closing: an event source firing late is ignored
        }
        probes.stream().filter(p -> p.name().equals(probeName)).forEach(p -> scheduler.execute(() -> runSafely(p)));
    }

    private void runSafely(HealthProbe p) {
        try {
            poll(p);
        } catch (RuntimeException e) {
            // One failing probe must never stop the others or the scheduler.
            LOG.warn("probe {} failed", p.name(), e);
        }
    }

    /**
     * One poll of one probe: observe, reconcile, post. Synchronous; for the scheduler and for tests. The
     * observation runs outside the lock: a probe waiting on a node that does not answer (bounded by the
     * site's timeouts) must not hold back the others, the node probe least of all.
     */
    public List<AlertEvent> poll(HealthProbe p) {
        boolean lead = leader.getAsBoolean();
        if (lead != leading) {
            LOG.info(lead ? "alerts: this instance now leads the health watch" : "alerts: another instance leads; standing by");
            leading = lead;
        }
        if (!lead) {
            return List.of();
        }
        long started = System.nanoTime();
        List<Observation> seen;
        try {
            seen = p.observe(context.get());
        } catch (ProbeUnavailableException e) {
            LOG.info("probe {} cannot observe now: {}", p.name(), e.getMessage());
            return List.of();
        }
        return record(p, seen, started);
    }

    private synchronized List<AlertEvent> record(HealthProbe p, List<Observation> seen, long started) {
        Instant now = clock.instant();
        triage.seen(seen);
        List<AlertEvent> events = tracker.reconcile(p.name(), seen, now);
        publish(p.name(), events, now, started);
        triage.deliverSymptoms();
        return events;
    }

    /**
     * Conditions from a source that reports transitions itself (Alertmanager): {@code firing} opens or
     * refreshes incidents, {@code resolvedKeys} recover theirs at once; posted like a probe's.
     *
     * @return the transitions, or empty when another instance leads (it posts; this one must not)
     */
    public synchronized Optional<List<AlertEvent>> receive(String source, List<Observation> firing,
                                                           List<String> resolvedKeys) {
        long started = System.nanoTime();
        if (!leader.getAsBoolean()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<AlertEvent> events = new java.util.ArrayList<>();
        for (Observation o : firing) {
            if (!o.probe().equals(source)) {
                throw new IllegalArgumentException(source + " sent an observation of " + o.probe());
            }
            tracker.fired(o, now).ifPresent(events::add);
        }
        resolvedKeys.forEach(k -> tracker.cleared(k, now).ifPresent(events::add));
        publish(source, events, now, started);
        return Optional.of(events);
    }

    private void publish(String probe, List<AlertEvent> events, Instant now, long startedNanos) {
        List<Silence> silences = silences(now);
        for (AlertEvent e : events) {
            Incident i = e.incident();
            if (silenced(i, silences)) {
                continue;
            }
            switch (e.kind()) {
                case OPENED -> {
                    postOpened(i).ifPresent(posted -> {
                        triage.posted(posted);
                        latency.accept(java.time.Duration.ofNanos(System.nanoTime() - startedNanos));
                    });
                }
                case CHANGED -> {
                    poster.changed(i);
                    triage.posted(i);
                }
                case RECURRED -> {
                    if (i.messageId() == null) {
                        postOpened(i).ifPresent(triage::posted);
                    } else {
                        poster.recurred(i);
                        triage.posted(i);
                    }
                }
                case RESOLVED -> {
                    if (i.messageId() != null) {
                        String key = AlertPoster.resolvedKey(i);
                        if (store.claimPost(key)) {
                            poster.resolved(i);
                            store.postDone(key);
                        }
                    }
                    triage.resolved(i);
                }
            }
        }
        // Incidents opened while silenced (or before a crash) are posted once nothing silences them.
        for (Incident i : store.open()) {
            if (i.probe().equals(probe) && i.messageId() == null && !silenced(i, silences)) {
                postOpened(i).ifPresent(triage::posted);
            }
        }
    }

    /**
     * Posts an incident once across instances (claimed in the store before it is made) and records where
     * it is; empty if another instance did.
     */
    private Optional<Incident> postOpened(Incident i) {
        String key = AlertPoster.openedKey(i);
        if (!store.claimPost(key)) {
            return Optional.empty();
        }
        Incident withMessage = i.withMessage(poster.opened(i));
        store.save(withMessage);
        store.postDone(key);
        return Optional.of(withMessage);
    }

    /** Runs every probe now: a new leader catches up at once instead of at each probe's next interval. */
    public void runAllNow() {
        probes.forEach(p -> runNow(p.name()));
    }

    private List<Silence> silences(Instant now) {
        List<Silence> silences = new java.util.ArrayList<>(store.activeSilences(now));
        maintenance.nodes(context, now).forEach(n -> silences.add(new Silence(0, n, now, "maintenance reservation",
                "slurm", now)));
        try {
            silences.addAll(plannedWork.get());
        } catch (RuntimeException e) {
            LOG.warn("planned work unknown ({}); its alerts are not held", e.getMessage());
        }
        return silences;
    }

    private static boolean silenced(Incident i, List<Silence> silences) {
        return silences.stream().anyMatch(s -> s.covers(i));
    }

    public AlertStore store() {
        return store;
    }

    /** Waits for a poll in flight (a probe is bounded by the site's timeouts), then stops. */
    @Override
    public void close() {
        io.slurmops.bot.lifecycle.GracefulStop.stop(scheduler, java.time.Duration.ofSeconds(30), "the health watch");
    }
}
