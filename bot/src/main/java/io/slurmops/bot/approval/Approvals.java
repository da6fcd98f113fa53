package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.Decision;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.lifecycle.GracefulStop;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.ChangeDesk;
import io.slurmops.bot.pipeline.Deliveries;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.bot.pipeline.VoteDesk;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.plan.PlanRunner;
import io.slurmops.commands.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Four-eyes approvals over the store: requests, votes (commands and reactions on the plan message),
 * execution exactly once, expiry and recovery. It coordinates; the parts do the work (the desk opens
 * requests, the counter counts votes, the execution runs plans, the sweeper keeps time) and
 * {@link VoteWording} says what happened. Platform-neutral: it talks only through {@link ChatChannel},
 * so every chat adapter gets the same behaviour. The pipeline reaches it as its change desk, vote
 * desk and delivery record.
 */
public final class Approvals implements ChangeDesk, VoteDesk, Deliveries, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);

    private final SlurmopsStore store;
    private final ApprovalPolicy policy;
    private final Clock clock;
    private final RequestChannels channels = new RequestChannels();
    private final ApprovalDesk desk;
    private final VoteCounter votes;
    private final ReactionVotes reactionVotes;
    private final VoteWithdrawal withdrawals;
    private final PlanExecution execution;
    private final Sweeper sweeper;
    private final ScheduledExecutorService scheduler;
    private final String prefix;
    private final java.util.concurrent.ScheduledExecutorService heartbeats;
    private final RunnerIdentity identity;
    private volatile ProposalOwner owner = ProposalOwner.NONE;
    private final java.util.List<java.util.function.BiConsumer<String, String>> attachListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<java.util.function.LongConsumer> executedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public Approvals(SlurmopsStore store, CommandCatalog catalog, ApprovalPolicy policy, Authorizer authorizer,
                     Clock clock, BiFunction<String, Long, CommandContext> contexts, PlanRunner runner) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.prefix = catalog.prefix();
        this.scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "slurmops-approvals");
            t.setDaemon(true);
            return t;
        });
        RunnerIdentity identity = RunnerIdentity.current();
        this.identity = identity;
        this.desk = new ApprovalDesk(store, policy, authorizer, clock, contexts, channels, catalog.prefix());
        this.votes = new VoteCounter(store, authorizer, clock);
        this.reactionVotes = new ReactionVotes(store);
        this.withdrawals = new VoteWithdrawal(store, authorizer, clock);
        // Heartbeats get their own thread: the sweeper may run an orphaned plan for minutes on the
        // scheduler thread, and a silent heartbeat would let another instance mark runs interrupted.
        this.heartbeats = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "slurmops-heartbeats");
            t.setDaemon(true);
            return t;
        });
        this.execution = new PlanExecution(store, catalog, contexts, runner, clock, identity, heartbeats,
                this::executed);
        this.sweeper = new Sweeper(store, clock, identity, channels, execution, catalog.prefix(), policy.orphanExpiry(),
                () -> owner);
    }

    public ApprovalPolicy policy() {
        return policy;
    }

    @Override
    public Risk riskOf(SlurmCommand command) {
        return policy.riskOf(command);
    }

    public SlurmopsStore store() {
        return store;
    }

    /** Records a chat delivery before it is handled; false for a redelivery, which must be ignored. */
    @Override
    public boolean firstDelivery(String platform, String eventId) {
        return store.transaction(tx -> tx.firstDelivery(platform, eventId, clock.instant()));
    }

    /** A channel object for (platform, channel id) is at hand: remember it and tell it what it missed. */
    @Override
    public void attach(String platform, String channelId, ChatChannel channel) {
        channels.seen(platform, channelId, channel);
        try {
            sweeper.announceTo(platform, channelId);
        } catch (RuntimeException e) {
            LOG.warn("could not deliver pending announcements to {}/{}: {}", platform, channelId, e.getMessage());
        }
        for (var l : attachListeners) {
            try {
                l.accept(platform, channelId);
            } catch (RuntimeException e) {
                LOG.warn("could not deliver news to {}/{}: {}", platform, channelId, e.getMessage());
            }
        }
    }

    /**
     * Told the id of each approved plan once it has run here (by a vote or as an orphan), whatever the
     * outcome: the health watch re-checks at once instead of at its next interval.
     */
    public void onExecuted(java.util.function.LongConsumer listener) {
        executedListeners.add(listener);
    }

    private void executed(long requestId) {
        for (var l : executedListeners) {
            try {
                l.accept(requestId);
            } catch (RuntimeException e) {
                LOG.warn("after #{} ran: {}", requestId, e.getMessage());
            }
        }
    }

    /** Told (platform, channel id) whenever a channel object becomes known: news held for it can go out. */
    public void onAttach(java.util.function.BiConsumer<String, String> listener) {
        attachListeners.add(listener);
    }

    /** Who does the work of approved {@link Proposal}s (the runbook runs); one per bot. */
    public void setProposalOwner(ProposalOwner owner) {
        this.owner = owner;
    }

    /** Opens a request for a proposal, posted for vote in {@code ch}. */
    public BotResponse propose(Proposal p, ChatChannel ch) {
        return desk.propose(p, ch);
    }

    /** The channel object to talk about request {@code r} in, if this process knows one. */
    public Optional<ChatChannel> channelOf(RequestRecord r) {
        return channels.of(r);
    }

    /**
     * Claims an approved proposal for its owner (APPROVED → RUNNING with the STARTED audit row, one
     * transaction): false when someone else claimed it first.
     */
    public boolean claim(RequestRecord r) {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            if (!tx.claim(r.id(), identity.id(), now)) {
                return false;
            }
            tx.append(AuditEntry.of(AuditKind.STARTED, now)
                    .about(r).actor("slurmops", identity.id()).detail("claimed by " + identity.id()).build());
            return true;
        });
    }

    /** Ends a claimed proposal's request, with its audit row; its owner's work may go on (a run) and reports itself. */
    public void finish(RequestRecord r, boolean ok, String outcome) {
        Instant now = clock.instant();
        store.transaction(tx -> {
            if (tx.finish(r.id(), ok ? RequestState.SUCCEEDED
                    : RequestState.FAILED, now, outcome, true)) {
                tx.append(AuditEntry.of(ok ? AuditKind.SUCCEEDED
                                : AuditKind.FAILED, now)
                        .about(r).actor("slurmops", identity.id()).detail(outcome).build());
            }
            return null;
        });
        channels.forget(r.id());
    }

    @Override
    public BotResponse request(ChangeCommand command, Invocation inv, Risk risk, ChatMessage m, ChatChannel ch) {
        return desk.request(command, inv, risk, m, ch);
    }

    @Override
    public BotResponse cancel(long id, ChatMessage m) {
        BotResponse r = desk.cancel(id, m);
        if (r.outcome() == Outcome.DONE) {
            channels.forget(id);
        }
        return r;
    }

    @Override
    public Reply pending() {
        sweeper.expireDue();
        return desk.pending();
    }

    @Override
    public BotResponse voteByCommand(long id, Decision decision, String comment, ChatMessage m, ChatChannel ch) {
        return vote(id, decision, comment, new Voter(m.userId(), m.userName(), m.platform(), m.channelId()), "command",
                ch);
    }

    /** A reaction counts only on the plan message of an open request, and only if it is a vote emoji. */
    @Override
    public Optional<BotResponse> voteByReaction(ReactionEvent e, ChatChannel ch) {
        return reactionVotes.read(e).map(v -> vote(v.requestId(), v.decision(), "", v.voter(), "reaction", ch));
    }

    /**
     * A ✅/❌ taken off a plan message: withdraws that vote while the request is open; afterwards it is
     * only noted. Empty when it was no vote (another emoji, another message, a reaction that never counted).
     */
    @Override
    public Optional<BotResponse> withdrawByReaction(ReactionEvent e, ChatChannel ch) {
        return reactionVotes.read(e).flatMap(v -> {
            VoteWithdrawal.Result w = withdrawals.withdraw(v.requestId(), v.decision(), v.voter());
            return switch (w.kind()) {
                case NO_VOTE -> Optional.empty();
                case WITHDRAWN -> Optional.of(new BotResponse(VoteWording.withdrawn(v.voter(), w.request(),
                        w.approvals()), Outcome.PENDING));
                case TOO_LATE -> Optional.of(new BotResponse(VoteWording.removedTooLate(v.voter(), w.request()),
                        Outcome.REFUSED));
            };
        });
    }

    /**
     * Counts a vote and, when it completes the approval, runs the plan. The result goes to the
     * channel the request came from when this process knows it, else to the voter's channel.
     */
    public BotResponse vote(long id, Decision decision, String comment, Voter voter, String via, ChatChannel voterChannel) {
        VoteCounter.Result v = votes.vote(id, decision, comment, voter, via);
        RequestRecord r = v.request();
        return switch (v.kind()) {
            case NOT_FOUND -> new BotResponse(VoteWording.noSuchRequest(id, prefix), Outcome.USAGE);
            case NOT_OPEN -> new BotResponse(VoteWording.notOpen(r), Outcome.REFUSED);
            case EXPIRED -> new BotResponse(VoteWording.expired(r), Outcome.REFUSED);
            case NOT_COUNTED -> new BotResponse(VoteWording.notCounted(v.why()), Outcome.REFUSED);
            case DUPLICATE -> new BotResponse(VoteWording.duplicate(voter, r, v.approvals()), Outcome.REFUSED);
            case COUNTED -> new BotResponse(VoteWording.counted(voter, r, v.approvals()), Outcome.PENDING);
            case DENIED -> {
                if (owner.owns(r.command())) {
                    owner.denied(r);
                }
                yield tell(r, voterChannel, VoteWording.denied(r, v.why()), Outcome.DONE);
            }
            case APPROVED -> owner.owns(r.command())
                    ? new BotResponse(owner.approved(r), Outcome.DONE)
                    : runApproved(r, voter, voterChannel, v.approvals());
        };
    }

    private BotResponse runApproved(RequestRecord r, Voter voter, ChatChannel voterChannel, int approvals) {
        boolean sameChannel = voter.platform().equals(r.platform()) && voter.channelId().equals(r.channelId());
        ChatChannel target = channels.of(r).orElse(voterChannel);
        boolean toRequestChannel = channels.of(r).isPresent() || sameChannel;
        post(target, r, toRequestChannel, VoteWording.runningNow(r, voter, approvals));
        Optional<PlanExecution.Result> result = execution.run(r, toRequestChannel);
        if (result.isEmpty()) {
            return new BotResponse(VoteWording.alreadyRunning(r), Outcome.DONE);
        }
        Reply report = result.get().reply();
        Outcome outcome = switch (result.get().state()) {
            case SUCCEEDED -> Outcome.DONE;
            default -> Outcome.FAILED;
        };
        post(target, r, toRequestChannel, report);
        channels.forget(r.id());
        if (target == voterChannel) {
            return new BotResponse(report, outcome, true);
        }
        return new BotResponse(VoteWording.resultPostedElsewhere(r), outcome);
    }

    private BotResponse tell(RequestRecord r, ChatChannel voterChannel, Reply reply, Outcome outcome) {
        Optional<ChatChannel> own = channels.of(r);
        if (own.isPresent() && own.get() != voterChannel) {
            post(own.get(), r, true, reply);
        }
        channels.forget(r.id());
        return new BotResponse(reply, outcome);
    }

    /** In the plan message's thread when posting where the request was made (Slack threads it). */
    private static void post(ChatChannel ch, RequestRecord r, boolean requestChannel, Reply reply) {
        if (requestChannel && r.messageId() != null) {
            ch.postInThread(r.messageId(), reply);
        } else {
            ch.post(reply);
        }
    }

    /**
     * Start-up of a long-running process (bot, console; never a one-shot run): interrupted executions
     * are marked (never re-run), expired requests closed, orphans run — or expired when too old.
     */
    public void recover() {
        sweeper.expireDue();
        sweeper.markInterrupted();
        sweeper.runOrphanedApprovals();
    }

    /** Sweeps now: expiry, interrupted runs, orphaned approvals, announcements. */
    public void sweep() {
        sweeper.sweep();
    }

    public void startSweeping(Duration every) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sweeper.sweep();
            } catch (RuntimeException e) {
                LOG.warn("approval sweep failed: {}", e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sweeper.forgetOldDeliveries();
            } catch (RuntimeException e) {
                // An uncaught exception would cancel this task for good and the table would grow.
                LOG.warn("forgetting old deliveries failed: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    public String prefix() {
        return prefix;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Lets a sweep in flight finish (an orphan's run is bounded by its steps' timeouts; past the bound
     * it is interrupted and, its heartbeat stopped, reported interrupted by the next process), then
     * stops the heartbeats. The store is closed after this, by the application.
     */
    @Override
    public void close() {
        GracefulStop.stop(scheduler, java.time.Duration.ofSeconds(30), "the approval sweeper");
        GracefulStop.stop(heartbeats, java.time.Duration.ofSeconds(5), "the run heartbeats");
    }
}
