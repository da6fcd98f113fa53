package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.commands.chat.ChatChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The background duties, run at start-up and then periodically by every slurmops process sharing
 * the store (each duty is a conditional update, so it happens once however many processes sweep):
 * expire requests past their stored expires_at; mark executions whose runner is gone INTERRUPTED
 * (never re-run); run approvals whose approving process died before claiming them, but only within
 * {@code approvals.orphanExpiry} of the approval — an older one is expired and reported, never run
 * late; tell the channels about all of it. Only long-running processes (bot, console) sweep.
 */
final class Sweeper {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
    /** An approval not claimed this long after it was decided lost its process. */
    static final Duration ORPHAN_AFTER = Duration.ofSeconds(30);
    private static final Duration KEEP_DELIVERIES = Duration.ofDays(2);

    private final SlurmopsStore store;
    private final Clock clock;
    private final RunnerIdentity identity;
    private final RequestChannels channels;
    private final PlanExecution execution;
    private final String prefix;
    private final Duration orphanExpiry;
    private final java.util.function.Supplier<ProposalOwner> owners;
    /** The outcome of an orphan expired for its age; {@link Announcements} tells it apart by this. */
    static final String LATE = "approved but not run in time";

    Sweeper(SlurmopsStore store, Clock clock, RunnerIdentity identity, RequestChannels channels,
            PlanExecution execution, String prefix, Duration orphanExpiry,
            java.util.function.Supplier<ProposalOwner> owners) {
        this.orphanExpiry = orphanExpiry;
        this.owners = owners;
        this.store = store;
        this.clock = clock;
        this.identity = identity;
        this.channels = channels;
        this.execution = execution;
        this.prefix = prefix;
    }

    void sweep() {
        expireDue();
        markInterrupted();
        runOrphanedApprovals();
        announce();
    }

    int expireDue() {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            int n = 0;
            for (RequestRecord r : tx.requestsIn(Set.of(RequestState.PENDING))) {
                if (r.expiredAt(now) && tx.decide(r.id(), RequestState.PENDING, RequestState.EXPIRED, now,
                        "expired before enough approvals", false)) {
                    tx.append(AuditEntry.of(AuditKind.EXPIRED, now).about(r).actor("slurmops", identity.id())
                            .detail("expired at " + r.expiresAt() + " with " + tx.votes(r.id()).size() + " vote(s)")
                            .build());
                    n++;
                }
            }
            return n;
        });
    }

    int markInterrupted() {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            int n = 0;
            for (RequestRecord r : tx.requestsIn(Set.of(RequestState.RUNNING))) {
                if (identity.isGone(r.runner(), r.heartbeatAt(), now) && tx.finish(r.id(), RequestState.INTERRUPTED,
                        now, "interrupted: runner " + r.runner() + " stopped during the execution", false)) {
                    tx.append(AuditEntry.of(AuditKind.INTERRUPTED, now).about(r).actor("slurmops", identity.id())
                            .detail("runner " + r.runner() + " is gone (last heartbeat " + r.heartbeatAt()
                                    + "); not re-run").build());
                    LOG.warn("request #{} was interrupted (runner {} gone); it will not be re-run", r.id(), r.runner());
                    n++;
                }
            }
            return n;
        });
    }

    /**
     * Approved but never claimed: the approving process died in between. Claiming keeps it once-only.
     * One approved longer ago than {@code orphanExpiry} is expired instead: the cluster and the people
     * have moved on, and a change nobody is watching must not start by surprise.
     */
    void runOrphanedApprovals() {
        Instant now = clock.instant();
        List<RequestRecord> orphans = store.transaction(tx -> {
            List<RequestRecord> out = new ArrayList<>();
            for (RequestRecord r : tx.requestsIn(Set.of(RequestState.APPROVED))) {
                Duration age = r.decidedAt() == null ? Duration.ZERO : Duration.between(r.decidedAt(), now);
                if (age.compareTo(orphanExpiry) > 0) {
                    String outcome = LATE + ": approved at " + r.decidedAt() + ", its process stopped before running "
                            + "it, and " + text(age) + " later is past approvals.orphanExpiry ("
                            + text(orphanExpiry) + "); not run";
                    if (tx.decide(r.id(), RequestState.APPROVED, RequestState.EXPIRED, now, outcome, false)) {
                        tx.append(AuditEntry.of(AuditKind.EXPIRED, now).about(r).actor("slurmops", identity.id())
                                .detail(outcome).build());
                        LOG.warn("request #{} was approved {} ago and never run; expired, not run", r.id(), age);
                    }
                } else if (age.compareTo(ORPHAN_AFTER) > 0) {
                    out.add(r);
                }
            }
            return out;
        });
        for (RequestRecord r : orphans) {
            ProposalOwner owner = owners.get();
            if (owner.owns(r.command())) {
                owner.approved(r);
                continue;
            }
            Optional<ChatChannel> ch = channels.of(r);
            execution.run(r, ch.isPresent()).ifPresent(result -> ch.ifPresent(c -> postFor(c, r, result.reply())));
        }
    }

    /** "10m", "11m", "90s": how the configuration writes durations. */
    private static String text(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }

    /** Tells every channel this process knows about the state changes it has not heard of yet. */
    void announce() {
        for (String key : channels.known().keySet()) {
            String[] pc = RequestChannels.split(key);
            announceTo(pc[0], pc[1]);
        }
    }

    void announceTo(String platform, String channelId) {
        List<RequestRecord> due = store.transaction(tx -> tx.unannounced(platform, channelId));
        for (RequestRecord r : due) {
            Optional<ChatChannel> ch = channels.of(r);
            if (ch.isPresent() && store.transaction(tx -> tx.claimAnnouncement(r.id()))) {
                postFor(ch.get(), r, Announcements.of(r, prefix));
                channels.forget(r.id());
            }
        }
    }

    /** News about a request goes in its plan's thread when the plan was posted, like the votes' replies. */
    private static void postFor(ChatChannel ch, RequestRecord r, io.slurmops.commands.reply.Reply reply) {
        if (r.messageId() != null) {
            ch.postInThread(r.messageId(), reply);
        } else {
            ch.post(reply);
        }
    }

    void forgetOldDeliveries() {
        Instant before = clock.instant().minus(KEEP_DELIVERIES);
        store.transaction(tx -> tx.forgetDeliveriesBefore(before));
    }
}
