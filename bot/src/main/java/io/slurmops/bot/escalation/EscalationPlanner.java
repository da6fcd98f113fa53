package io.slurmops.bot.escalation;

import io.slurmops.adapters.store.PageRow;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.EscalationConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what is owed, and writes it to the outbox before anything is sent: for each open, posted,
 * unacknowledged incident whose severity has a deadline, every level whose time has come gets one
 * trigger row per target; for each incident paged and since recovered, one resolve row per paged
 * service. The outbox's unique key makes every decision happen once, however often this runs.
 */
final class EscalationPlanner {

    private final SlurmopsStore store;
    private final AlertStore alerts;
    private final EscalationConfig config;
    private final String cluster;

    EscalationPlanner(SlurmopsStore store, AlertStore alerts, EscalationConfig config, String cluster) {
        this.store = store;
        this.alerts = alerts;
        this.config = config;
        this.cluster = cluster;
    }

    /** @return how many rows it wrote */
    int plan(Instant now) {
        int written = 0;
        for (Incident i : alerts.open()) {
            written += escalate(i, now);
        }
        for (PageRow t : store.transaction(tx -> tx.unresolvedPages())) {
            if (Targets.external(t.target()) && PageRow.SENT.equals(t.state()) && recovered(t)) {
                written += store.transaction(tx -> tx.enqueuePage(t.incidentId(), t.incidentKey(), t.level(),
                        t.target(), PageRow.RESOLVE, t.detail(), now)) ? 1 : 0;
            }
        }
        return written;
    }

    private int escalate(Incident i, Instant now) {
        Duration within = config.acknowledgeWithin().get(i.severity());
        if (within == null || i.messageId() == null) {
            return 0;                                  // not a severity that escalates, or silenced (not posted)
        }
        Instant deadline = i.openedAt().plus(within);
        if (now.isBefore(deadline)) {
            return 0;
        }
        return store.transaction(tx -> {
            if (tx.acknowledgement(i.id()).isPresent()) {
                return 0;
            }
            Set<String> written = tx.pagesOf(i.id()).stream().map(p -> p.level() + " " + p.target() + " " + p.action())
                    .collect(Collectors.toSet());
            int n = 0;
            for (EscalationConfig.Level level : config.levels()) {
                if (now.isBefore(deadline.plus(level.after()))) {
                    break;                             // levels are in order of their delay
                }
                for (EscalationConfig.Target target : level.targets()) {
                    if (!written.contains(level.name() + " " + target.text() + " " + PageRow.TRIGGER)
                            && tx.enqueuePage(i.id(), i.key(), level.name(), target.text(), PageRow.TRIGGER,
                            PageDetail.of(i, cluster, level, within), now)) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** Recovered: the incident's key has no open incident of this number any more. */
    private boolean recovered(PageRow t) {
        Optional<Incident> latest = alerts.latest(t.incidentKey());
        return latest.isEmpty() || latest.get().id() != t.incidentId() || !latest.get().isOpen();
    }
}
