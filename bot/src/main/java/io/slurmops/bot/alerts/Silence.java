package io.slurmops.bot.alerts;

import java.time.Instant;

/**
 * Quiet for a probe or a subject until a time: {@code !slurm silence nodes 2h} or
 * {@code !slurm silence node[001-004] 30m maintenance}.
 *
 * @param target a probe name, or a subject (node name) — host lists are expanded into one silence per host
 */
public record Silence(long id, String target, Instant until, String reason, String by, Instant createdAt) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }

    public boolean covers(Incident i) {
        return target.equals(i.probe()) || target.equals(i.subject()) || target.equals(i.key());
    }
}
