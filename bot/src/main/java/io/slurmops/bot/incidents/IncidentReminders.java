package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.DeclaredIncidentRow;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reminds an incident's thread when no status update came within its severity's cadence
 * ({@code incidents.updateCadence}). The reminder is claimed in the store first, so several instances
 * remind once. The channel to post in is the one the incident's commands came through (remembered),
 * else what the bot's adapters give for "platform:channel" (after a restart).
 */
public final class IncidentReminders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentReminders.class);

    private final DeclaredIncidentDesk desk;
    private final String prefix;
    private final Map<String, ChatChannel> channels = new ConcurrentHashMap<>();
    private volatile Function<String, Optional<ChatChannel>> fallback = name -> Optional.empty();
    private ScheduledExecutorService timer;

    public IncidentReminders(DeclaredIncidentDesk desk, String prefix) {
        this.desk = desk;
        this.prefix = prefix;
    }

    /** Remembers where an incident's channel can be reached. */
    void remember(String platform, String channelId, ChatChannel channel) {
        channels.put(platform + ":" + channelId, channel);
    }

    /** Channels by "platform:channel" when none was remembered (the chat adapters' top-level channels). */
    public void reachThrough(Function<String, Optional<ChatChannel>> channelsByName) {
        this.fallback = channelsByName;
    }

    public synchronized void start(Duration every) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "incident-reminders");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::remindDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass: every open incident whose update is overdue gets one reminder in its thread. */
    public void remindDue() {
        try {
            for (DeclaredIncidentRow row : desk.open()) {
                if (row.messageId() == null) {
                    continue;
                }
                String name = row.platform() + ":" + row.channelId();
                ChatChannel ch = channels.get(name);
                if (ch == null) {
                    ch = fallback.apply(name).orElse(null);
                }
                if (ch == null || !desk.claimReminder(row)) {
                    continue;
                }
                Duration cadence = desk.config().cadence(row.severity());
                ch.postInThread(row.messageId(), Reply.builder("⏰ " + row.tag() + ": no status update for "
                                + cadence.toMinutes() + " min (" + row.severity() + " cadence)")
                        .status(Status.WARNING)
                        .paragraph((row.lead() == null ? "Nobody leads it yet: `" + prefix + " incident lead @person`. "
                                : row.lead() + ", ") + "post one with `" + prefix + " incident update TEXT`.")
                        .build());
            }
        } catch (RuntimeException e) {
            LOG.warn("incident reminders: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
