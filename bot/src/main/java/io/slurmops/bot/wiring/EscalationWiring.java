package io.slurmops.bot.wiring;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.audit.StoredAuditLog;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.escalation.AckCommand;
import io.slurmops.bot.escalation.AckReactions;
import io.slurmops.bot.escalation.Acknowledgements;
import io.slurmops.bot.escalation.Escalation;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.ReactionHook;
import io.slurmops.commands.chat.ChatChannel;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Acknowledgement and escalation as the application wires them: {@code ack N} and the 👀 on alerts
 * always (an acknowledgement is recorded even with paging off), the escalation thread only when
 * {@code escalation.enabled}, posting into the alert channel.
 */
final class EscalationWiring implements AutoCloseable {

    private final SlurmopsConfig config;
    private final SlurmopsStore store;
    private final AlertStore alerts;
    private final Clock clock;
    private final String holder;
    private final Acknowledgements acks;
    private Escalation escalation;

    EscalationWiring(SlurmopsConfig config, SlurmopsStore store, AlertStore alerts, Clock clock, String holder) {
        this.config = config;
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        this.holder = holder;
        this.acks = new Acknowledgements(store, alerts, new StoredAuditLog(store), clock);
    }

    AckCommand command() {
        return new AckCommand(acks);
    }

    /** A person's 👀 on an alert acknowledges it; anything else goes on to {@code next} (✅: the suggested fix). */
    ReactionHook reactions(Authorizer authorizer, ReactionHook next) {
        ReactionHook ack = new AckReactions(alerts, acks, authorizer);
        return (r, ch) -> ack.handle(r, ch) || next.handle(r, ch);
    }

    /** @param leader true while this instance holds the alert lease: only the holder plans escalations */
    synchronized void start(ChatChannel channel, BooleanSupplier leader) {
        if (!config.escalation().enabled() || escalation != null) {
            return;
        }
        escalation = new Escalation(config.escalation(), store, alerts, config.access().people(), channel,
                config.site().clusterName(), config.prefix(), holder, clock, leader).start();
        acks.onAcknowledged(escalation::wake);
    }

    @Override
    public synchronized void close() {
        if (escalation != null) {
            escalation.close();
        }
    }
}
