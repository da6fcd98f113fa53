package io.slurmops.bot.approval;

import io.slurmops.adapters.store.Decision;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.commands.chat.ReactionEvent;

import java.util.Optional;
import java.util.Set;

/**
 * Turns a reaction into a vote: it counts only if it is a vote emoji, on the plan message of a
 * request. Which vote, and who casts it; counting is the approvals' job.
 */
final class ReactionVotes {

    /** A reaction read as a vote on request {@code requestId}. */
    record Vote(long requestId, Decision decision, Voter voter) {
    }

    /** Attempts and pause while waiting for a just-posted plan's message id to be recorded. */
    private static final int PLAN_LOOKUPS = 10;
    private static final long PLAN_LOOKUP_PAUSE_MS = 200;

    private final SlurmopsStore store;

    ReactionVotes(SlurmopsStore store) {
        this.store = store;
    }

    Optional<Vote> read(ReactionEvent e) {
        Optional<Decision> decision = VoteEmoji.decision(e.emoji());
        if (decision.isEmpty()) {
            return Optional.empty();
        }
        Optional<RequestRecord> r = planOf(e);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        String channelId = e.channelId() == null ? r.get().channelId() : e.channelId();
        return Optional.of(new Vote(r.get().id(), decision.get(), new Voter(e.userId(), e.userName(), e.platform(),
                channelId)));
    }

    /**
     * The request whose plan message got this reaction. A plan's message id is recorded only once the
     * platform has answered the post (and the bot's own ✅/❌ are on it), so a very quick vote may
     * arrive first: it waits up to two seconds instead of being lost.
     */
    private Optional<RequestRecord> planOf(ReactionEvent e) {
        for (int attempt = 1; ; attempt++) {
            Optional<RequestRecord> r = store.transaction(tx -> tx.requestByMessage(e.platform(), e.channelId(),
                    e.messageId()));
            if (r.isPresent() || attempt == PLAN_LOOKUPS || !planBeingPosted(e.platform())) {
                return r;
            }
            try {
                Thread.sleep(PLAN_LOOKUP_PAUSE_MS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** True while some request of this platform has a plan but no recorded message yet. */
    private boolean planBeingPosted(String platform) {
        return store.transaction(tx -> tx.requestsIn(Set.of(RequestState.PLANNING, RequestState.PENDING)))
                .stream().anyMatch(r -> r.platform().equals(platform) && r.messageId() == null);
    }
}
