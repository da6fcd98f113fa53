package io.slurmops.bot.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import io.slurmops.adapters.store.PageRow;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.EscalationConfig;
import io.slurmops.bot.config.EscalationConfig.Target;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends the outbox: claims each due row in the store, sends it (a chat mention, a PagerDuty event, a
 * signed webhook), and records the outcome. A failure leaves the row pending with a doubling wait
 * (durable, so a restart keeps retrying; that is why no in-memory retry library is used here). Runs on
 * the escalation's own thread, never on a chat thread: a paging outage cannot hold up chat.
 */
final class PageSender {

    private static final Logger LOG = LoggerFactory.getLogger(PageSender.class);
    /** After this many failed tries (about a day with the default 10 m ceiling) a row gives up. */
    static final int MAX_ATTEMPTS = 150;
    /** Longer than one send may take (HTTP timeout 10 s): a claim outliving its sender lapses after this. */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final SlurmopsStore store;
    private final AlertStore alerts;
    private final EscalationConfig config;
    private final ChatChannel channel;
    private final Mentions mentions;
    private final PagerDutyEvents pagerDuty;
    private final SignedWebhook webhook;
    private final String prefix;
    private final String holder;
    private final Clock clock;

    PageSender(SlurmopsStore store, AlertStore alerts, EscalationConfig config, ChatChannel channel, Mentions mentions,
               PagerDutyEvents pagerDuty, SignedWebhook webhook, String prefix, String holder, Clock clock) {
        this.store = store;
        this.alerts = alerts;
        this.config = config;
        this.channel = channel;
        this.mentions = mentions;
        this.pagerDuty = pagerDuty;
        this.webhook = webhook;
        this.prefix = prefix;
        this.holder = holder;
        this.clock = clock;
    }

    /** Sends every due row this sender can claim; returns how many it finished (sent, failed or cancelled). */
    int drain() {
        int done = 0;
        List<PageRow> due = store.transaction(tx -> tx.duePages(clock.instant(), 50));
        for (PageRow row : due) {
            Instant now = clock.instant();
            if (!store.transaction(tx -> tx.claimPage(row.id(), holder, now, CLAIM))) {
                continue;                                   // another sender has it
            }
            Delivery d;
            try {
                d = deliver(row);
            } catch (RuntimeException e) {
                d = Delivery.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            done += finish(row, d) ? 1 : 0;
        }
        return done;
    }

    private boolean finish(PageRow row, Delivery d) {
        Instant now = clock.instant();
        String state = d.retry() && row.attempts() + 1 >= MAX_ATTEMPTS ? PageRow.FAILED : d.state();
        Instant next = d.retry() ? now.plus(backoff(row.attempts())) : null;
        store.transaction(tx -> tx.finishPage(row.id(), holder, state, now, next, d.note()));
        String what = row.action() + " of incident #" + row.incidentId() + " to " + row.target() + " (" + row.level() + ")";
        switch (state) {
            case PageRow.SENT -> LOG.info("escalation: sent {}", what);
            case PageRow.CANCELLED -> LOG.info("escalation: dropped {}: {}", what, d.note());
            case PageRow.FAILED -> LOG.error("escalation: gave up on {}: {}", what, d.note());
            default -> LOG.warn("escalation: {} not sent ({}), retrying in {}", what, d.note(), backoff(row.attempts()));
        }
        return !PageRow.PENDING.equals(state);
    }

    /** first, 2×first, 4×first … up to max. */
    Duration backoff(int attempts) {
        Duration d = config.retryFirst();
        for (int i = 0; i < attempts && d.compareTo(config.retryMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.retryMax()) > 0 ? config.retryMax() : d;
    }

    private Delivery deliver(PageRow row) {
        Optional<Delivery> unwanted = unwanted(row);
        if (unwanted.isPresent()) {
            return unwanted.get();
        }
        Optional<Target> target = Targets.parse(row.target());
        if (target.isEmpty()) {
            return Delivery.failed("unknown target " + row.target());
        }
        JsonNode detail = PageDetail.parse(row.detail());
        return switch (target.get().kind()) {
            case GROUP -> mention(row, target.get().name(), detail);
            case PAGERDUTY -> {
                EscalationConfig.Secret key = config.pagerDutyServices().get(target.get().name());
                yield key == null ? Delivery.failed("no PagerDuty service " + target.get().name() + " configured any more")
                        : told(row, pagerDuty.send(row.action(), detail, key.read()));
            }
            case WEBHOOK -> {
                EscalationConfig.Webhook w = config.webhooks().get(target.get().name());
                yield w == null ? Delivery.failed("no webhook " + target.get().name() + " configured any more")
                        : told(row, webhook.send(w.url(), row.action(), detail, w.secret().read()));
            }
        };
    }

    /**
     * A trigger whose incident was acknowledged or recovered meanwhile is not sent; an acknowledge or a
     * resolve waits until its trigger went out, and is dropped when the trigger never did.
     */
    private Optional<Delivery> unwanted(PageRow row) {
        if (row.action().equals(PageRow.TRIGGER)) {
            if (store.transaction(tx -> tx.acknowledgement(row.incidentId())).isPresent()) {
                return Optional.of(Delivery.cancelled("acknowledged first"));
            }
            Optional<Incident> latest = alerts.latest(row.incidentKey());
            if (latest.isEmpty() || latest.get().id() != row.incidentId() || !latest.get().isOpen()) {
                return Optional.of(Delivery.cancelled("recovered first"));
            }
            return Optional.empty();
        }
        Optional<PageRow> trigger = store.transaction(tx -> tx.pagesOf(row.incidentId())).stream()
                .filter(p -> p.action().equals(PageRow.TRIGGER) && p.level().equals(row.level())
                        && p.target().equals(row.target())).findFirst();
        if (trigger.isPresent() && PageRow.PENDING.equals(trigger.get().state())) {
            return Optional.of(Delivery.retry("waiting for the trigger to go out first"));
        }
        if (trigger.isEmpty() || !PageRow.SENT.equals(trigger.get().state())) {
            return Optional.of(Delivery.cancelled("the trigger was never sent"));
        }
        return Optional.empty();
    }

    private Delivery mention(PageRow row, String group, JsonNode detail) {
        String message = detail.path("message").asText("");
        long id = row.incidentId();
        Reply reply = Reply.builder("Incident #" + id + " is not acknowledged — " + row.level() + ": calling " + group)
                .status(Status.WARNING)
                .add(mentions.of(group))
                .paragraph(detail.path("summary").asText() + ". React 👀 on the alert or type `" + prefix + " ack "
                        + id + "` to take it; until then it escalates further.")
                .build();
        if (message.isEmpty()) {
            channel.post(reply);
        } else {
            channel.postInThread(message, reply);
        }
        return Delivery.sent("mentioned " + group);
    }

    /** A page that went out is also noted in the incident's thread, so people see who was called. */
    private Delivery told(PageRow row, Delivery d) {
        if (d.state().equals(PageRow.SENT) && row.action().equals(PageRow.TRIGGER)) {
            String message = PageDetail.parse(row.detail()).path("message").asText("");
            try {
                Reply note = Reply.builder(row.level() + ": paged " + row.target() + " for incident #" + row.incidentId())
                        .status(Status.INFO).build();
                if (message.isEmpty()) {
                    channel.post(note);
                } else {
                    channel.postInThread(message, note);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not note the page of #{} in chat: {}", row.incidentId(), e.getMessage());
            }
        }
        return d;
    }
}
