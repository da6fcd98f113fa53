package io.slurmops.bot.incidents;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's recovery time objectives (workshop slide 20, as BENCHMARKS.md quotes them), and which
 * row an alert's probe belongs to, so a postmortem puts the measured times next to the target.
 */
final class RecoveryObjectives {

    record Row(String failure, String target, Duration max) {
    }

    static final List<Row> TABLE = List.of(
            new Row("Single node down", "2-5 min", Duration.ofMinutes(5)),
            new Row("Config mismatch", "5-10 min", Duration.ofMinutes(10)),
            new Row("slurmctld crash", "1-3 min", Duration.ofMinutes(3)),
            new Row("State corruption", "15-30 min", Duration.ofMinutes(30)),
            new Row("Database corruption", "30-60 min", Duration.ofMinutes(60)),
            new Row("Complete cluster failure", "2-4 h", Duration.ofHours(4)));

    private static final Map<String, String> BY_PROBE = Map.of("nodes", "Single node down", "munge",
            "Single node down", "config", "Config mismatch", "controller", "slurmctld crash", "accounting",
            "Database corruption", "dbconnections", "Database corruption");

    private RecoveryObjectives() {
    }

    /** The row an alert from this probe is measured against, if the seed has one. */
    static Optional<Row> forProbe(String probe) {
        String failure = BY_PROBE.get(probe);
        return TABLE.stream().filter(r -> r.failure().equals(failure)).findFirst();
    }
}
