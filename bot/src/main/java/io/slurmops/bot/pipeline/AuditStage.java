package io.slurmops.bot.pipeline;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;

/**
 * Stage 5 for reads and refusals (changes and votes are audited by the desks, inside their
 * transactions). A store outage must not block diagnostics, so a failed write is only logged.
 */
final class AuditStage {

    private static final Logger LOG = LoggerFactory.getLogger(AuditStage.class);

    private final AuditLog log;
    private final Clock clock;

    /** @param log null for a bot without a store: nothing is recorded */
    AuditStage(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void read(ChatMessage m, Status status) {
        record(AuditKind.READ, m, status.name().toLowerCase(Locale.ROOT));
    }

    void refused(ChatMessage m, String why) {
        record(AuditKind.REFUSED, m, why);
    }

    /** A line refused before it became a request (a shortcut that backfires), with why. */
    void rejected(ChatMessage m, String why) {
        record(AuditKind.REJECTED, m, why);
    }

    private void record(AuditKind kind, ChatMessage m, String detail) {
        if (log == null) {
            return;
        }
        try {
            log.append(AuditEntry.of(kind, clock.instant()).actor(m.userId(), m.userName())
                    .where(m.platform(), m.channelId()).line(m.text().strip()).detail(detail).build());
        } catch (RuntimeException e) {
            LOG.warn("audit of [{}] failed: {}", m.text(), e.getMessage());
        }
    }
}
