package io.slurmops.bot.config;

import java.time.Duration;

/**
 * The health watch: how often probes run, how many clean polls make a recovery, how long a
 * recovered fault may come back and still count as the same incident, and Slurm triggers.
 *
 * @param interval       default probe interval (controller, accounting)
 * @param nodesInterval  the node probe's interval (one cheap sinfo; short for fast alerts)
 * @param triggers       register Slurm triggers (needs root or SlurmUser on the controller host)
 * @param triggerSpool   directory the trigger program writes events to (must be writable by SlurmUser)
 * @param channel        where `slurmops bot` posts alerts: "slack:C0123" or "discord:1234…" (empty: no
 *                       alerts from the bot; the console shows them in the terminal)
 * @param confirmEvery   after an approved change ran: the spacing of the quick re-checks that confirm a
 *                       recovery (the {@code recoveryPolls} clean polls) instead of whole probe intervals
 */
public record AlertConfig(boolean enabled, Duration interval, Duration nodesInterval, int recoveryPolls,
                          Duration flapWindow, boolean triggers, String triggerSpool, String slurmUser,
                          String channel, Duration confirmEvery) {

    public static final Duration DEFAULT_CONFIRM_EVERY = Duration.ofSeconds(2);

    public AlertConfig {
        if (confirmEvery.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("alerts.confirmEvery must be at least 100ms");
        }
    }

    public AlertConfig(boolean enabled, Duration interval, Duration nodesInterval, int recoveryPolls,
                       Duration flapWindow, boolean triggers, String triggerSpool, String slurmUser, String channel) {
        this(enabled, interval, nodesInterval, recoveryPolls, flapWindow, triggers, triggerSpool, slurmUser, channel,
                DEFAULT_CONFIRM_EVERY);
    }

    public AlertConfig(boolean enabled, Duration interval, Duration nodesInterval, int recoveryPolls,
                       Duration flapWindow, boolean triggers, String triggerSpool, String slurmUser) {
        this(enabled, interval, nodesInterval, recoveryPolls, flapWindow, triggers, triggerSpool, slurmUser, "");
    }
}
