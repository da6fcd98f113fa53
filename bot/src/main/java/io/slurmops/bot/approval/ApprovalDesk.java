package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.Decision;
import io.slurmops.adapters.store.NewRequest;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.VoteRecord;
import io.slurmops.bot.config.Identity;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanCodec;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** Opens requests (plan, freeze, post for vote), withdraws them, and lists the open ones. */
final class ApprovalDesk {

    private final SlurmopsStore store;
    private final ApprovalPolicy policy;
    private final Authorizer authorizer;
    private final Clock clock;
    private final BiFunction<String, Long, CommandContext> contexts;
    private final RequestChannels channels;
    private final String prefix;
    private final PlanGate gate;

    ApprovalDesk(SlurmopsStore store, ApprovalPolicy policy, Authorizer authorizer, Clock clock,
                 BiFunction<String, Long, CommandContext> contexts, RequestChannels channels, String prefix) {
        this.store = store;
        this.policy = policy;
        this.authorizer = authorizer;
        this.clock = clock;
        this.contexts = contexts;
        this.channels = channels;
        this.prefix = prefix;
        this.gate = new PlanGate(policy, authorizer, prefix);
    }

    /**
     * Records the request, makes and freezes its plan, posts it for vote and remembers the message.
     * The answer carries the request id, also when planning rejected it (the request exists, closed).
     */
    BotResponse request(ChangeCommand command, Invocation inv, Risk risk, ChatMessage m, ChatChannel ch) {
        Instant now = clock.instant();
        String line = m.text().strip();
        long id = store.transaction(tx -> {
            long newId = tx.insertRequest(new NewRequest(command.spec().name(), line, risk.label(), m.userId(),
                    m.userName(), m.platform(), m.channelId(), now));
            tx.append(AuditEntry.of(AuditKind.REQUESTED, now).request(newId).actor(m.userId(), m.userName())
                    .where(m.platform(), m.channelId()).line(line).detail("risk " + risk.label()).build());
            return newId;
        });
        Plan plan;
        ApprovalPolicy.Requirement need;
        try {
            CommandContext ctx = contexts.apply(m.userName(), id);
            plan = command.plan(inv, ctx);
            need = gate.judge(plan, inv, ctx, risk, m);
        } catch (UsageException e) {
            reject(id, e.getMessage());
            Outcome outcome = e instanceof PlanRefusedException ? Outcome.REFUSED : Outcome.USAGE;
            return BotResponse.forRequest(id, Reply.error("#" + id + " not possible: " + e.getMessage(),
                    e.correctForm()), outcome, false);
        } catch (RuntimeException e) {
            reject(id, "planning failed: " + e);
            throw e;
        }
        String hash = plan.hash();
        int needed = need.approvals();
        Instant planned = clock.instant();
        // The approval window starts when the plan is shown, not when the line was typed.
        Instant expires = planned.plus(policy.expiry());
        store.transaction(tx -> {
            tx.attachPlan(id, PlanCodec.encode(plan), hash, needed, expires);
            tx.append(AuditEntry.of(AuditKind.PLANNED, planned).request(id).actor(m.userId(), m.userName())
                    .where(m.platform(), m.channelId()).line(line).planHash(hash)
                    .detail(plan.summary() + need.mass().map(s -> " · mass action: " + s.describe() + ", " + s.jobs())
                            .orElse("") + " · needs " + needed + " approval(s) · expires " + expires).build());
            return null;
        });
        Reply message = PlanMessage.render(new PlanMessage.Request(id, m.userId(), m.userName(), need.label(), needed,
                need.mass(), plan, hash, expires, authorizer.approvers(Identity.of(m.platform(), m.userId()), m.channelId()), prefix, clock.getZone(), planned));
        channels.remember(id, ch);
        String messageId = ch.postForVote(message);
        if (messageId != null) {
            store.transaction(tx -> {
                tx.setMessage(id, messageId);
                return null;
            });
        }
        return BotResponse.forRequest(id, message, Outcome.PENDING, true);
    }

    /**
     * Opens a request for a {@link Proposal}: recorded, its plan text and hash attached, posted for vote
     * (in a thread when it says so), remembered by message id so reactions on it count.
     */
    BotResponse propose(Proposal p, ChatChannel ch) {
        Instant now = clock.instant();
        Voter who = p.requester();
        Instant expires = now.plus(policy.expiry());
        long id = store.transaction(tx -> {
            long newId = tx.insertRequest(new NewRequest(p.command(), p.line(), p.risk().label(), who.userId(),
                    who.userName(), who.platform(), who.channelId(), now));
            tx.append(AuditEntry.of(AuditKind.REQUESTED, now).request(newId).actor(who.userId(), who.userName())
                    .where(who.platform(), who.channelId()).line(p.line()).detail("risk " + p.risk().label()).build());
            tx.attachPlan(newId, p.planText(), p.planHash(), p.approvalsNeeded(), expires);
            tx.append(AuditEntry.of(AuditKind.PLANNED, now).request(newId).actor(who.userId(), who.userName())
                    .where(who.platform(), who.channelId()).line(p.line()).planHash(p.planHash())
                    .detail(p.summary() + " · needs " + p.approvalsNeeded() + " approval(s) · expires " + expires).build());
            return newId;
        });
        Reply message = ProposalMessage.render(id, p, authorizer.approvers(Identity.of(who.platform(), who.userId()),
                who.channelId()), expires, prefix, clock.getZone(), now);
        channels.remember(id, ch);
        String messageId = p.threadOf() == null ? ch.postForVote(message) : ch.postInThread(p.threadOf(), message);
        if (messageId != null) {
            store.transaction(tx -> {
                tx.setMessage(id, messageId);
                return null;
            });
        }
        return BotResponse.forRequest(id, message, Outcome.PENDING, true);
    }

    private void reject(long id, String why) {
        Instant now = clock.instant();
        store.transaction(tx -> {
            var r = tx.request(id);
            if (r.isPresent() && tx.decide(id, RequestState.PLANNING, RequestState.REJECTED, now, why, true)) {
                tx.append(AuditEntry.of(AuditKind.REJECTED, now).about(r.get()).detail(why).build());
            }
            return null;
        });
    }

    /** Only the requester may withdraw, and only while the request is open. */
    BotResponse cancel(long id, ChatMessage m) {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            var found = tx.lockRequest(id);
            if (found.isEmpty()) {
                return new BotResponse(Reply.error("there is no request #" + id, prefix + " pending"), Outcome.USAGE);
            }
            RequestRecord r = found.get();
            if (!authorizer.samePerson(Identity.of(r.platform(), r.requesterId()), Identity.of(m.platform(), m.userId()))) {
                return new BotResponse(Reply.error(r.tag() + " was requested by " + r.requesterName() + "; only "
                        + r.requesterName() + " can cancel it (others can deny it)"), Outcome.REFUSED);
            }
            if (r.state() != RequestState.PENDING) {
                return new BotResponse(Reply.error(r.tag() + " is " + r.state().label() + "; only open requests can be "
                        + "cancelled"), Outcome.REFUSED);
            }
            tx.decide(id, RequestState.PENDING, RequestState.CANCELLED, now, "cancelled by " + m.userName(), true);
            tx.append(AuditEntry.of(AuditKind.CANCELLED, now).about(r).actor(m.userId(), m.userName())
                    .where(m.platform(), m.channelId()).detail("cancelled by the requester").build());
            return new BotResponse(Reply.builder(r.tag() + " cancelled by " + m.userName() + "; nothing ran")
                    .status(Status.INFO).build(), Outcome.DONE);
        });
    }

    /** The open requests with their votes and time left. */
    Reply pending() {
        Instant now = clock.instant();
        record Open(RequestRecord r, List<VoteRecord> votes) {
        }
        List<Open> open = store.transaction(tx -> {
            List<Open> out = new ArrayList<>();
            for (RequestRecord r : tx.requestsIn(Set.of(RequestState.PENDING))) {
                if (!r.expiredAt(now)) {
                    out.add(new Open(r, tx.votes(r.id())));
                }
            }
            return out;
        });
        if (open.isEmpty()) {
            return Reply.builder("No request is waiting for approval").status(Status.INFO).build();
        }
        Reply.Builder b = Reply.builder(open.size() + " request" + (open.size() == 1 ? "" : "s") + " waiting for approval")
                .status(Status.PENDING);
        List<String> lines = new ArrayList<>();
        for (Open o : open) {
            long approvals = o.votes().stream().filter(v -> v.decision() == Decision.APPROVE).count();
            String voters = o.votes().isEmpty() ? "" : " by " + String.join(", ",
                    o.votes().stream().map(VoteRecord::voterName).toList());
            lines.add(o.r().tag() + " `" + o.r().line() + "` — " + o.r().requesterName() + " — " + approvals + "/"
                    + o.r().approvalsNeeded() + " approvals" + voters + " — expires in "
                    + PlanMessage.minutes(Duration.between(now, o.r().expiresAt())));
        }
        b.bullets(lines);
        b.paragraph("Vote: `" + prefix + " approve N [comment]` or `" + prefix + " deny N [why]`.");
        return b.build();
    }
}
