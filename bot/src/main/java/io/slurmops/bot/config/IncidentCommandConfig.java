package io.slurmops.bot.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code incidents:} — declared incidents (INC-N).
 *
 * @param updateCadence   per severity (SEV1…SEV4): how long an open incident may go without a status
 *                        update before the bot reminds its thread
 * @param attachmentDir   where the console and {@code incident export} write postmortems and charts;
 *                        empty: "attachments" next to the embedded store's file (or the working directory)
 * @param sampleRetention how long node-state samples (the chart's data) are kept
 */
public record IncidentCommandConfig(Map<String, Duration> updateCadence, String attachmentDir,
                                    Duration sampleRetention) {

    public static final Map<String, Duration> DEFAULT_CADENCE = defaultCadence();

    public IncidentCommandConfig {
        updateCadence = Map.copyOf(updateCadence);
    }

    public static IncidentCommandConfig defaults() {
        return new IncidentCommandConfig(DEFAULT_CADENCE, "", Duration.ofDays(30));
    }

    /** The cadence of a severity; an unknown one gets the slowest configured. */
    public Duration cadence(String severity) {
        Duration d = updateCadence.get(severity);
        return d != null ? d : updateCadence.values().stream().max(Duration::compareTo).orElse(Duration.ofHours(1));
    }

    private static Map<String, Duration> defaultCadence() {
        Map<String, Duration> m = new LinkedHashMap<>();
        m.put("SEV1", Duration.ofMinutes(15));
        m.put("SEV2", Duration.ofMinutes(30));
        m.put("SEV3", Duration.ofHours(1));
        m.put("SEV4", Duration.ofHours(4));
        return m;
    }
}
