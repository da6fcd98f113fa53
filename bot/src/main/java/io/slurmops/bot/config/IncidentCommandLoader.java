package io.slurmops.bot.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads and checks {@code incidents:} (see {@link IncidentCommandConfig}). */
final class IncidentCommandLoader {

    private IncidentCommandLoader() {
    }

    static IncidentCommandConfig load(Node n) {
        n.allowOnly(Set.of("updateCadence", "attachmentDir", "sampleRetention"));
        IncidentCommandConfig d = IncidentCommandConfig.defaults();
        Map<String, Duration> cadence = new LinkedHashMap<>(d.updateCadence());
        Node c = n.child("updateCadence");
        c.allowOnly(d.updateCadence().keySet());
        for (String sev : d.updateCadence().keySet()) {
            Duration v = c.duration(sev, cadence.get(sev));
            if (v.isZero() || v.isNegative()) {
                n.problems().add(n.path() + ".updateCadence." + sev + ": must be longer than 0, e.g. 30m");
            } else {
                cadence.put(sev, v);
            }
        }
        return new IncidentCommandConfig(cadence, n.string("attachmentDir", ""),
                n.duration("sampleRetention", d.sampleRetention()));
    }
}
