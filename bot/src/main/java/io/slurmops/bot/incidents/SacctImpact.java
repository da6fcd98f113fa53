package io.slurmops.bot.incidents;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.slurm.SacctRecord;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Jobs that failed or were requeued during an incident's window, from the accounting records:
 * {@code sacct -a -X -P -n -S … -E … -s FAILED,NODE_FAIL,REQUEUED,OUT_OF_MEMORY} (argv only, parsed
 * from the -P output). With -s and a window, sacct selects jobs that were in one of those states at
 * some time in the window.
 */
final class SacctImpact {

    static final String STATES = "FAILED,NODE_FAIL,REQUEUED,OUT_OF_MEMORY";
    private static final DateTimeFormatter SACCT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** The jobs, or why they are unknown (sacct failed, slurmdbd down …). */
    record Jobs(List<SacctRecord> jobs, String unknownBecause) {
        boolean known() {
            return unknownBecause == null;
        }
    }

    private SacctImpact() {
    }

    static List<String> argv(Instant from, Instant to, ZoneId zone) {
        return List.of("sacct", "-a", "-X", "-P", "-n", "-o", SacctRecord.FIELDS, "-S",
                SACCT_TIME.withZone(zone).format(from), "-E", SACCT_TIME.withZone(zone).format(to), "-s", STATES);
    }

    static Jobs in(ClusterAccess cluster, Instant from, Instant to, ZoneId zone) {
        try {
            ExecResult r = cluster.slurm(argv(from, to, zone));
            if (!r.ok()) {
                return new Jobs(List.of(), "sacct " + r.outcome() + ": " + IncidentTimeline.firstLine(
                        r.combinedOutput().strip()));
            }
            return new Jobs(SacctRecord.parse(r.stdout()), null);
        } catch (RuntimeException e) {
            return new Jobs(List.of(), "sacct output not understood: " + e.getMessage());
        }
    }
}
