package io.slurmops.bot.escalation;

import io.slurmops.adapters.store.AckRow;
import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.PageRow;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.pipeline.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Takes an incident's acknowledgement (a person's 👀 on the alert, or {@code ack N}). The first one
 * wins and stops the escalation: pages not yet sent are cancelled, and every target already paged
 * gets one "acknowledge" through the outbox.
 */
public final class Acknowledgements {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);

    /** What an acknowledgement did. */
    public record Outcome(boolean first, AckRow ack) {
    }

    private final SlurmopsStore store;
    private final AlertStore alerts;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Runnable onAcknowledged = () -> { };

    public Acknowledgements(SlurmopsStore store, AlertStore alerts, AuditLog audit, Clock clock) {
        this.store = store;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Called after each first acknowledgement (the escalation wakes its sender). */
    public void onAcknowledged(Runnable wake) {
        this.onAcknowledged = wake;
    }

    /** The open incident numbered {@code id}, if there is one. */
    public Optional<Incident> open(long id) {
        return alerts.open().stream().filter(i -> i.id() == id).findFirst();
    }

    public Optional<AckRow> of(long incident) {
        return store.transaction(tx -> tx.acknowledgement(incident));
    }

    /**
     * @param who the person's display name, for the thread and the audit
     * @param via "reaction" or "command"
     */
    public Outcome acknowledge(Incident i, String who, String via) {
        Instant now = clock.instant();
        Outcome outcome = store.transaction(tx -> {
            if (!tx.acknowledgeIncident(i.id(), who, via, now)) {
                return new Outcome(false, tx.acknowledgement(i.id()).orElseThrow());
            }
            tx.cancelPendingPages(i.id(), PageRow.TRIGGER, now);
            for (PageRow p : tx.pagesOf(i.id())) {
                boolean paged = PageRow.SENT.equals(p.state()) || (PageRow.PENDING.equals(p.state()) && p.claimedBy() != null);
                if (p.action().equals(PageRow.TRIGGER) && paged && Targets.external(p.target())) {
                    tx.enqueuePage(i.id(), p.incidentKey(), p.level(), p.target(), PageRow.ACKNOWLEDGE, p.detail(), now);
                }
            }
            return new Outcome(true, new AckRow(i.id(), who, via, now));
        });
        if (outcome.first()) {
            alerts.save(i.responded(now));
            LOG.info("incident #{} acknowledged by {} ({})", i.id(), who, via);
            onAcknowledged.run();
        }
        return outcome;
    }

    /** A reaction is no command line, so the read audit does not see it: recorded here. */
    void audit(String platform, String channelId, String userId, String who, Incident i) {
        try {
            audit.append(AuditEntry.of(AuditKind.READ, clock.instant()).actor(userId, who).where(platform, channelId)
                    .line("👀 on incident #" + i.id()).detail("acknowledged").build());
        } catch (RuntimeException e) {
            LOG.warn("audit of the acknowledgement of #{} failed: {}", i.id(), e.getMessage());
        }
    }
}
