package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;

import java.time.Duration;
import java.util.List;

/**
 * A health check the alert scheduler runs on its own interval. It returns the unhealthy conditions
 * it sees now; the scheduler turns changes into incidents.
 */
public interface HealthProbe {

    /** Short name, the prefix of every observation key it returns. */
    String name();

    /** How often it runs; cheap checks run more often than costly ones. */
    Duration interval();

    /**
     * Observes now. A probe that cannot observe (its own command failed for an unrelated reason)
     * throws {@link ProbeUnavailableException}, so its open incidents are neither resolved nor reopened.
     */
    List<Observation> observe(CommandContext context) throws ProbeUnavailableException;
}
