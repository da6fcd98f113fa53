package io.slurmops.bot.approval;

import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.reply.Reply;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A line that opens an approval request says which one as data (an alert's suggested fix records it
 * on the incident); every other answer carries none.
 */
class ResponseRequestIdTest {

    @TempDir
    Path dir;
    ApprovalHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new ApprovalHarness(dir, FakeCluster.withNodes(4));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aPlannedChangeCarriesTheIdOfTheRequestItOpened() {
        h.say("alice", "!slurm drain node001 maint");
        BotResponse second = h.say("alice", "!slurm drain node002 fan");
        assertThat(second.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(second.openedRequest()).hasValue(2);
        assertThat(h.request(second.requestId()).line()).isEqualTo("!slurm drain node002 fan");
    }

    @Test
    void aChangeRejectedWhilePlanningStillNamesItsClosedRequest() {
        BotResponse bad = h.say("alice", "!slurm drain node[001-009] maint");
        assertThat(bad.outcome()).isEqualTo(Outcome.USAGE);
        assertThat(bad.openedRequest()).hasValue(1);
        assertThat(h.request(1).state()).isEqualTo(RequestState.REJECTED);
    }

    @Test
    void readsVotesRefusalsAndBadInputOpenNone() {
        assertThat(h.say("carol", "!slurm nodes").openedRequest()).isEmpty();
        assertThat(h.say("carol", "!slurm drain node001 maint").openedRequest()).isEmpty();
        assertThat(h.say("alice", "!slurm drian node001 maint").openedRequest()).isEmpty();
        h.say("alice", "!slurm drain node001 maint");
        BotResponse vote = h.say("bob", "!slurm approve 1");
        assertThat(vote.outcome()).isEqualTo(Outcome.DONE);
        assertThat(vote.openedRequest()).isEmpty();
    }

    @Test
    void requestIdsArePositive() {
        assertThatThrownBy(() -> BotResponse.forRequest(0, Reply.error("x"), Outcome.PENDING, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
