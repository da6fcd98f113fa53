package io.slurmops.bot.approval;

import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.alerts.AlertMessage;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.commands.reply.Status;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message id is unique only within its channel (Slack's {@code ts} is a time stamp): two plans
 * posted at the same moment in two channels share it. A vote belongs to the plan of its own channel.
 */
class ChannelScopedVotesTest {

    @TempDir
    Path dir;
    ApprovalHarness h;
    final Transcript east = new Transcript("1764064800.000100");
    final Transcript west = new Transcript("1764064800.000100");

    @BeforeEach
    void start() throws Exception {
        h = new ApprovalHarness(dir, FakeCluster.withNodes(4));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aVoteOnOnePlanNeverReachesThePlanWithTheSameMessageIdInAnotherChannel() {
        h.say("alice", "!slurm drain node001 east maint", "east", east);
        h.say("alice", "!slurm drain node002 west maint", "west", west);
        String planEast = east.lastVoteMessage();
        String planWest = west.lastVoteMessage();
        assertThat(planEast).isEqualTo(planWest);

        h.reactIn("east", east, "bob", planEast, "✅");
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(h.cluster.node("node001").reason()).startsWith("east maint");
        assertThat(h.request(2).state()).as("the plan in west got no vote").isEqualTo(RequestState.PENDING);
        assertThat(h.cluster.node("node002").reason()).isNullOrEmpty();

        h.reactIn("north", new Transcript("1764064800.000100"), "dave", planWest, "❌");
        assertThat(h.request(2).state()).as("a reaction in a third channel reaches nothing")
                .isEqualTo(RequestState.PENDING);

        h.reactIn("west", west, "dave", planWest, "❌");
        assertThat(h.request(2).state()).isEqualTo(RequestState.DENIED);
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
    }

    @Test
    void aCheckMarkOnAMessageWithAnAlertsIdInAnotherChannelRequestsNoFix() {
        java.time.Instant t0 = h.clock.instant();
        h.app.alertStore().save(new Incident(1, "nodes:node002", "nodes", "node002", Status.CRITICAL,
                "node002 is down*", "node-not-responding", "drain node002 fan", t0, t0, null,
                new AlertMessage(ApprovalHarness.PLATFORM, "alerts", "1764064800.000100"), 0, 0, null, null, null));

        h.reactIn("east", east, "alice", "1764064800.000100", "✅");
        assertThat(h.app.alertStore().byMessage(ApprovalHarness.PLATFORM, "alerts", "1764064800.000100").orElseThrow().requestId())
                .as("the ✅ was in east, not on the alert").isNull();
        assertThat(east.posts()).isEmpty();

        h.reactIn("alerts", new Transcript("1764064800.000100"), "alice", "1764064800.000100", "✅");
        assertThat(h.app.alertStore().byMessage(ApprovalHarness.PLATFORM, "alerts", "1764064800.000100").orElseThrow().requestId())
                .isEqualTo("1");
    }
}
