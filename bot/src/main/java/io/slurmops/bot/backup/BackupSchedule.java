package io.slurmops.bot.backup;

import io.slurmops.commands.backup.BackupMeta;
import io.slurmops.commands.backup.BackupService;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The daily backup (kind all) at {@code backups.dailyAt}, then the retention sweep. One thread; each
 * day's backup is claimed before it runs ({@code claim} takes a store lease named after the day), so
 * with several bot instances on one store it runs once.
 */
public final class BackupSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupSchedule.class);

    private final BackupService backups;
    private final ClusterAccess cluster;
    private final LocalTime at;
    private final Clock clock;
    private final Predicate<LocalDate> claim;
    /** A plain pool, not Executors' wrapper: GracefulStop drops the pending day's run from it at close. */
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "daily-backup");
        t.setDaemon(true);
        return t;
    });

    /** @param claim true for the one caller that may run that day's backup */
    public BackupSchedule(BackupService backups, ClusterAccess cluster, LocalTime at, Clock clock, Predicate<LocalDate> claim) {
        this.backups = backups;
        this.cluster = cluster;
        this.at = at;
        this.clock = clock;
        this.claim = claim;
    }

    public void start() {
        scheduleNext();
    }

    /** How long until the next {@code at} in the clock's zone (tomorrow's when today's has passed). */
    static Duration untilNext(ZonedDateTime now, LocalTime at) {
        ZonedDateTime next = now.with(at);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        return Duration.between(now, next);
    }

    private void scheduleNext() {
        Duration wait = untilNext(ZonedDateTime.now(clock), at);
        try {
            scheduler.schedule(this::runAndReschedule, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("closing: no next daily backup is scheduled");
        }
    }

    private void runAndReschedule() {
        try {
            runOnce(LocalDate.now(clock));
        } finally {
            if (!scheduler.isShutdown()) {
                scheduleNext();
            }
        }
    }

    /** One day's backup and sweep; nothing when another instance claimed the day. For the scheduler and tests. */
    public void runOnce(LocalDate day) {
        try {
            if (!claim.test(day)) {
                LOG.info("daily backup of {}: another instance runs it", day);
                return;
            }
            BackupMeta m = backups.backup(cluster, "all");
            LOG.info("daily backup {}: verified={} {}", m.id(), m.verified(), m.detail());
            List<String> deleted = backups.prune(cluster);
            if (!deleted.isEmpty()) {
                LOG.info("retention: deleted {} backup(s) older than {}: {}", deleted.size(), backups.settings().retention(), deleted);
            }
        } catch (RuntimeException e) {
            // A failed backup must not stop tomorrow's; the metadata (if any) and the alert say the rest.
            LOG.error("daily backup of {} failed", day, e);
        }
    }

    /** The next day's run is dropped at once; a backup in flight gets a bounded time to finish. */
    @Override
    public void close() {
        io.slurmops.bot.lifecycle.GracefulStop.stop(scheduler, Duration.ofSeconds(30), "the daily backup");
    }
}
