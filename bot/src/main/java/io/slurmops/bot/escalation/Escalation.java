package io.slurmops.bot.escalation;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.config.EscalationConfig;
import io.slurmops.bot.config.People;
import io.slurmops.bot.lifecycle.GracefulStop;
import io.slurmops.commands.chat.ChatChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Acknowledgement deadlines and escalation, on one thread of their own: every {@code check} (and at
 * once after an acknowledgement) it plans what is owed into the outbox, then sends the outbox.
 */
public final class Escalation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Escalation.class);

    private final EscalationPlanner planner;
    private final PageSender sender;
    private final BooleanSupplier leader;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "escalation");
        t.setDaemon(true);
        return t;
    });
    private final Duration every;

    /**
     * @param channel where the alerts are posted (mentions go into the incident's thread there)
     * @param holder  this instance's name, written on the outbox rows it claims
     * @param leader  true while this instance holds the alert lease: only the holder plans escalations
     */
    public Escalation(EscalationConfig config, SlurmopsStore store, AlertStore alerts, People people,
                      ChatChannel channel, String cluster, String prefix, String holder, Clock clock,
                      BooleanSupplier leader) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.planner = new EscalationPlanner(store, alerts, config, cluster);
        this.sender = new PageSender(store, alerts, config, channel, new Mentions(people, config.mentions()),
                new PagerDutyEvents(http, config.pagerDutyUrl()), new SignedWebhook(http, clock), prefix, holder, clock);
        this.leader = leader;
        this.clock = clock;
        this.every = config.check();
    }

    public Escalation start() {
        thread.scheduleWithFixedDelay(this::runSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Plans and sends now (after an acknowledgement, so the services hear it without waiting a period). */
    public void wake() {
        if (!thread.isShutdown()) {
            thread.execute(this::runSafely);
        }
    }

    /** One round, synchronously: for tests and for the scheduler. */
    public void runOnce() {
        if (leader.getAsBoolean()) {
            planner.plan(clock.instant());
        }
        sender.drain();
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // A store or network outage must not stop the escalation thread: the next round tries again.
            LOG.warn("escalation round failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        GracefulStop.stop(thread, Duration.ofSeconds(15), "the escalation");
    }
}
