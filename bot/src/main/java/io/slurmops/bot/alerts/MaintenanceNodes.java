package io.slurmops.bot.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.slurm.Reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Nodes in an active MAINT reservation: the admins took them out on purpose, so their alerts stay
 * quiet (tracked, and posted if still failing when the reservation ends). Read at most every 30 s.
 */
final class MaintenanceNodes {

    private static final Duration TTL = Duration.ofSeconds(30);

    private Set<String> nodes = Set.of();
    private Instant readAt = Instant.MIN;

    synchronized Set<String> nodes(Supplier<CommandContext> context, Instant now) {
        if (readAt.plus(TTL).isAfter(now)) {
            return nodes;
        }
        readAt = now;
        CommandContext ctx = context.get();
        if (ctx == null) {
            return nodes;
        }
        ExecResult r = ctx.cluster().slurm(Reservation.ARGV);
        if (r.ok()) {
            Set<String> in = new HashSet<>();
            Reservation.parse(r.stdout()).stream().filter(Reservation::activeMaintenance)
                    .forEach(res -> in.addAll(res.nodes()));
            nodes = Set.copyOf(in);
        }
        // With the controller down, the last known reservations stay in force.
        return nodes;
    }
}
