package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hole 1 of issue 10: alice, listed under a Slack id and a Discord id, used to be two voters. With
 * qualified identities and the people map she is one person on every platform.
 */
class OnePersonManyIdentitiesTest {

    private static final String ACCESS = """
            people:
              alice: ["slack:UALICE", "discord:1001"]
              bob: ["slack:UBOB", "discord:2002"]
            groups:
              oncall: [alice, bob]
            access:
              users:
                "slack:UALICE": approver
                "discord:1001": approver
                bob: approver
                "console:dave": approver
                "slack:UEVE": operator
              channels:
                incident: {users: {"discord:3003": approver}}
            """;

    @TempDir
    Path dir;
    ApprovalHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ApprovalHarness.withAccess(dir, FakeCluster.withNodes(4), ACCESS);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aRequesterCannotApproveTheirOwnRequestFromAnotherPlatform() {
        assertThat(h.sayOn("slack", "UALICE", "alice", "!slurm drain node001 maint").outcome())
                .isEqualTo(Outcome.PENDING);
        BotResponse self = h.sayOn("discord", "1001", "alice", "!slurm approve 1");
        assertThat(self.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(self.reply().toPlainText()).contains("cannot approve it");
        assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
        assertThat(h.updates("State=DRAIN")).isZero();
        assertThat(h.trail(1)).contains(AuditKind.VOTE_IGNORED).doesNotContain(AuditKind.APPROVED);
    }

    @Test
    void onePersonVotingFromTwoPlatformsCountsOnce() throws Exception {
        try (ApprovalHarness two = ApprovalHarness.withAccess(dir.resolve("two"), FakeCluster.withNodes(4),
                ACCESS.replace("\"slack:UEVE\": operator", "\"slack:UEVE\": admin"))) {
            assertThat(two.sayOn("slack", "UEVE", "eve", "!slurm down node001 broken").outcome())
                    .isEqualTo(Outcome.PENDING);
            assertThat(two.sayOn("slack", "UBOB", "bob", "!slurm approve 1").outcome()).isEqualTo(Outcome.PENDING);
            BotResponse again = two.sayOn("discord", "2002", "bob", "!slurm approve 1");
            assertThat(again.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(again.reply().toPlainText()).contains("already voted");
            assertThat(two.request(1).state()).isEqualTo(RequestState.PENDING);
            assertThat(two.sayOn("console", "dave", "dave", "!slurm approve 1").outcome()).isEqualTo(Outcome.DONE);
            assertThat(two.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        }
    }

    @Test
    void theSameIdOnAnotherPlatformIsSomeoneElse() {
        // A Discord user whose id happens to be "UALICE" is not Slack's alice and has no role.
        h.sayOn("slack", "UEVE", "eve", "!slurm drain node001 maint");
        BotResponse stranger = h.sayOn("discord", "UALICE", "mallory", "!slurm approve 1");
        assertThat(stranger.reply().toPlainText()).contains("has no slurmops role");
        assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
    }

    @Test
    void channelOverridesWorkWithQualifiedKeysAndThePlanListsPeopleByName() {
        BotResponse plan = h.sayOn("slack", "UALICE", "alice", "!slurm drain node001 maint");
        assertThat(plan.reply().toPlainText()).contains("May approve  bob, console:dave, discord:3003 (");
        assertThat(h.sayOn("discord", "3003", "zed", "!slurm approve 1").outcome()).isEqualTo(Outcome.DONE);
    }
}
