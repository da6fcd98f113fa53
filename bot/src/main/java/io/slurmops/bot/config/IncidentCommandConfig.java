package io.slurmops.bot.config;

/**
 * {@code incidents:} — declared incidents: update cadence per severity, postmortem and chart settings.
 * (Placeholder created so parallel work has its own section; the owner fills in the components.)
 */
public record IncidentCommandConfig(boolean enabled) {

    public static IncidentCommandConfig defaults() {
        return new IncidentCommandConfig(false);
    }
}
