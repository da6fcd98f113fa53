package io.slurmops.commands.backup;

import io.slurmops.commands.alerts.HealthProbe;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.alerts.ProbeUnavailableException;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The alert for backups that failed verification: while the newest backup of a kind is marked failed,
 * one incident per kind is open (a later verified backup of that kind resolves it). The failed backup
 * is kept for people to look at; restore never uses it.
 */
public final class BackupProbe implements HealthProbe {

    public static final String NAME = "backups";

    private final BackupService backups;
    private final Duration interval;

    public BackupProbe(BackupService backups, Duration interval) {
        this.backups = backups;
        this.interval = interval;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<Observation> observe(CommandContext context) throws ProbeUnavailableException {
        List<BackupMeta> all;
        try {
            all = backups.list(context.cluster());
        } catch (RuntimeException e) {
            throw new ProbeUnavailableException("cannot list the backups: " + e.getMessage());
        }
        List<Observation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BackupMeta m : all) {                         // newest first
            if (m.verified() == BackupMeta.Verified.NO || !seen.add(m.kind())) {
                continue;
            }
            if (m.verified() == BackupMeta.Verified.FAILED) {
                out.add(Observation.of(NAME, m.kind(), Status.CRITICAL, "backup " + m.id() + " failed verification: "
                        + m.detail(), "", ""));
            }
        }
        return out;
    }
}
