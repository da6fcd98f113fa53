package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.Decision;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.VoteRecord;
import io.slurmops.bot.config.Identity;
import io.slurmops.bot.pipeline.Authorizer;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * An un-vote: a person took their ✅ (or ❌) off a plan message. While the request is still open the
 * vote they cast by that reaction is deleted and the withdrawal audited, so adding the reaction again
 * counts once more, exactly once (the votes table's key). Once the request is decided — approved,
 * running, run, denied, expired — nothing changes: the removal is audited and noted in the thread.
 * Like {@link VoteCounter}, the request row is locked for the decision, so a removal racing the
 * approving vote is either before it (withdrawn) or after it (noted).
 */
final class VoteWithdrawal {

    enum Kind { NO_VOTE, WITHDRAWN, TOO_LATE }

    /** What the removal did; {@code approvals} counts what is left. */
    record Result(Kind kind, RequestRecord request, int approvals) {
    }

    private final SlurmopsStore store;
    private final Authorizer authorizer;
    private final Clock clock;

    VoteWithdrawal(SlurmopsStore store, Authorizer authorizer, Clock clock) {
        this.store = store;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    Result withdraw(long id, Decision decision, Voter voter) {
        Instant now = clock.instant();
        String voterKey = authorizer.voterKey(Identity.of(voter.platform(), voter.userId()));
        String what = decision.name().toLowerCase(Locale.ROOT);
        return store.transaction(tx -> {
            Optional<RequestRecord> found = tx.lockRequest(id);
            if (found.isEmpty()) {
                return new Result(Kind.NO_VOTE, null, 0);
            }
            RequestRecord r = found.get();
            Optional<VoteRecord> mine = tx.votes(id).stream()
                    .filter(v -> v.voterId().equals(voterKey) && v.decision() == decision).findFirst();
            if (r.state() != RequestState.PENDING || r.expiredAt(now)) {
                if (mine.isEmpty()) {
                    return new Result(Kind.NO_VOTE, r, 0);
                }
                tx.append(AuditEntry.of(AuditKind.VOTE_IGNORED, now).about(r).actor(voter.userId(), voter.userName())
                        .where(voter.platform(), voter.channelId())
                        .detail(what + " reaction removed after the request was " + r.state().label()
                                + "; the vote stands").build());
                return new Result(Kind.TOO_LATE, r, approvals(tx.votes(id)));
            }
            // Only a vote cast by reaction is taken back by removing the reaction; a typed one stays.
            if (mine.isEmpty() || !"reaction".equals(mine.get().via()) || !tx.deleteVote(id, voterKey)) {
                return new Result(Kind.NO_VOTE, r, approvals(tx.votes(id)));
            }
            tx.append(AuditEntry.of(AuditKind.VOTE_WITHDRAWN, now).about(r).actor(voter.userId(), voter.userName())
                    .where(voter.platform(), voter.channelId())
                    .detail(what + " withdrawn: reaction removed before the plan ran").build());
            return new Result(Kind.WITHDRAWN, r, approvals(tx.votes(id)));
        });
    }

    private static int approvals(java.util.List<VoteRecord> votes) {
        return (int) votes.stream().filter(v -> v.decision() == Decision.APPROVE).count();
    }
}
