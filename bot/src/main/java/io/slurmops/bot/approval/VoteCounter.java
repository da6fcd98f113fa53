package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.Decision;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StoreTx;
import io.slurmops.adapters.store.VoteRecord;
import io.slurmops.bot.config.Identity;
import io.slurmops.bot.pipeline.Authorizer;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts one vote, atomically: the request row is locked (SELECT … FOR UPDATE) for the whole
 * decision, so concurrent voters — threads or processes — are serialized, and exactly one of them
 * moves the request to APPROVED or DENIED. The rules: the requester never counts; one vote per
 * person (the votes table's key); approver role required; any deny wins; nothing after expiry.
 * "Person" is the configured person when the identity is listed under {@code people:} (alice on
 * Slack and alice on Discord are one), else the platform-qualified identity.
 */
final class VoteCounter {

    enum Kind { NOT_FOUND, NOT_OPEN, EXPIRED, NOT_COUNTED, DUPLICATE, COUNTED, DENIED, APPROVED }

    /** What happened to the vote; {@code request} is the state after it (null when not found). */
    record Result(Kind kind, RequestRecord request, int approvals, String why) {
    }

    private final SlurmopsStore store;
    private final Authorizer authorizer;
    private final Clock clock;

    VoteCounter(SlurmopsStore store, Authorizer authorizer, Clock clock) {
        this.store = store;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    Result vote(long id, Decision decision, String comment, Voter voter, String via) {
        Instant now = clock.instant();
        return store.transaction(tx -> {
            Optional<RequestRecord> found = tx.lockRequest(id);
            if (found.isEmpty()) {
                return new Result(Kind.NOT_FOUND, null, 0, "");
            }
            RequestRecord r = found.get();
            if (r.state() != RequestState.PENDING) {
                ignored(tx, r, voter, decision, via, now, "request is " + r.state().label());
                return new Result(Kind.NOT_OPEN, r, 0, "");
            }
            if (r.expiredAt(now)) {
                tx.decide(id, RequestState.PENDING, RequestState.EXPIRED, now, "expired before enough approvals", true);
                tx.append(AuditEntry.of(AuditKind.EXPIRED, now).about(r).actor("slurmops", "slurmops")
                        .detail("expired at " + r.expiresAt() + "; noticed on a vote by " + voter.userName()).build());
                return new Result(Kind.EXPIRED, tx.request(id).orElse(r), 0, "");
            }
            Identity who = Identity.of(voter.platform(), voter.userId());
            if (authorizer.samePerson(who, Identity.of(r.platform(), r.requesterId()))) {
                String why = decision == Decision.APPROVE ? voter.userName() + " requested " + r.tag()
                        + " and cannot approve it; someone else must"
                        : voter.userName() + " requested " + r.tag() + "; to withdraw it use cancel";
                ignored(tx, r, voter, decision, via, now, "requester's own vote");
                return new Result(Kind.NOT_COUNTED, r, 0, why);
            }
            Optional<String> noRole = authorizer.voteRefusal(who, voter.userName(), r.channelId());
            if (noRole.isPresent()) {
                ignored(tx, r, voter, decision, via, now, noRole.get());
                return new Result(Kind.NOT_COUNTED, r, 0, noRole.get());
            }
            if (!tx.insertVote(new VoteRecord(id, authorizer.voterKey(who), voter.userName(), decision, comment, via, now))) {
                ignored(tx, r, voter, decision, via, now, "second vote by the same person");
                return new Result(Kind.DUPLICATE, r, approvals(tx, id), "");
            }
            tx.append(AuditEntry.of(AuditKind.VOTE, now).about(r).actor(voter.userId(), voter.userName())
                    .where(voter.platform(), voter.channelId())
                    .detail(decision.name().toLowerCase(java.util.Locale.ROOT) + " via " + via
                            + (comment.isBlank() ? "" : ": " + comment)).build());
            if (decision == Decision.DENY) {
                String outcome = "denied by " + voter.userName() + (comment.isBlank() ? "" : ": " + comment);
                tx.decide(id, RequestState.PENDING, RequestState.DENIED, now, outcome, true);
                tx.append(AuditEntry.of(AuditKind.DENIED, now).about(r).actor(voter.userId(), voter.userName())
                        .detail(outcome).build());
                return new Result(Kind.DENIED, tx.request(id).orElse(r), approvals(tx, id), outcome);
            }
            int approvals = approvals(tx, id);
            if (approvals >= r.approvalsNeeded()) {
                tx.decide(id, RequestState.PENDING, RequestState.APPROVED, now, "approved (" + approvals + "/"
                        + r.approvalsNeeded() + ")", true);
                tx.append(AuditEntry.of(AuditKind.APPROVED, now).about(r).actor(voter.userId(), voter.userName())
                        .detail(approvals + "/" + r.approvalsNeeded() + " approvals").build());
                return new Result(Kind.APPROVED, tx.request(id).orElse(r), approvals, "");
            }
            return new Result(Kind.COUNTED, r, approvals, "");
        });
    }

    private static int approvals(StoreTx tx, long id) throws SQLException {
        return (int) tx.votes(id).stream().filter(v -> v.decision() == Decision.APPROVE).count();
    }

    private static void ignored(StoreTx tx, RequestRecord r, Voter voter, Decision decision, String via, Instant now,
                                String why) throws SQLException {
        tx.append(AuditEntry.of(AuditKind.VOTE_IGNORED, now).about(r).actor(voter.userId(), voter.userName())
                .where(voter.platform(), voter.channelId())
                .detail(decision.name().toLowerCase(java.util.Locale.ROOT) + " via " + via + " not counted: " + why)
                .build());
    }
}
