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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ✅ on an alert goes through the whole pipeline as the reacting person's line, and the incident
 * records the request it opened, taken from the pipeline's answer.
 */
class AlertFixRequestTest {

    private static final String ALERT_MESSAGE = "alert-msg-1";

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

    private Incident alert(String repair) {
        Instant t0 = h.clock.instant();
        Incident i = new Incident(1, "nodes:node002", "nodes", "node002", Status.CRITICAL, "node002 is down*",
                "node-not-responding", repair, t0, t0, null,
                new AlertMessage(ApprovalHarness.PLATFORM, ApprovalHarness.CHANNEL, ALERT_MESSAGE), 0, 0, null, null, null);
        h.app.alertStore().save(i);
        return i;
    }

    private Incident stored() {
        return h.app.alertStore().byMessage(ApprovalHarness.PLATFORM, ApprovalHarness.CHANNEL, ALERT_MESSAGE).orElseThrow();
    }

    @Test
    void theFixsRequestIdIsRecordedOnTheIncident() {
        h.say("alice", "!slurm drain node001 maint");
        alert("drain node002 fan");
        h.react("alice", ALERT_MESSAGE, "✅");
        assertThat(stored().requestId()).isEqualTo("2");
        assertThat(h.request(2).line()).isEqualTo("!slurm drain node002 fan");
        assertThat(h.request(2).state()).isEqualTo(RequestState.PENDING);
        h.react("erin", ALERT_MESSAGE, "✅");
        assertThat(h.channel.text()).contains("The fix for incident #1 is already requested as #2.");
    }

    @Test
    void aRefusedFixIsAnsweredOnceInTheAlertsThread(@TempDir Path other) throws Exception {
        // alice may ask for fixes (operator), but a destructive drain needs an admin requester: the pipeline refuses.
        try (ApprovalHarness strict = new ApprovalHarness(other, FakeCluster.withNodes(4), "  risk: {drain: destructive}")) {
            Instant t0 = strict.clock.instant();
            strict.app.alertStore().save(new Incident(1, "nodes:node002", "nodes", "node002", Status.CRITICAL,
                    "node002 is down*", "node-not-responding", "drain node002 fan", t0, t0, null,
                    new AlertMessage(ApprovalHarness.PLATFORM, ApprovalHarness.CHANNEL, ALERT_MESSAGE), 0, 0, null, null,
                    null));
            strict.react("alice", ALERT_MESSAGE, "✅");
            assertThat(strict.channel.posts()).filteredOn(p -> p.text().contains("needs the admin role"))
                    .singleElement().satisfies(p -> assertThat(p.thread()).isEqualTo(ALERT_MESSAGE));
        }
    }

    @Test
    void aPlanThatRanTellsTheExecutedListenersItsRequest() {
        java.util.List<Long> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        h.app.approvals().onExecuted(ran::add);
        h.say("alice", "!slurm drain node001 maint");
        assertThat(ran).as("nothing ran before the approval").isEmpty();
        h.say("bob", "!slurm approve 1");
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(ran).containsExactly(1L);
    }

    @Test
    void aFixRejectedWhilePlanningStillNamesItsRequest() {
        alert("drain node[001-009] fan");
        h.react("alice", ALERT_MESSAGE, "✅");
        assertThat(stored().requestId()).isEqualTo("1");
        assertThat(h.request(1).state()).isEqualTo(RequestState.REJECTED);
    }
}
