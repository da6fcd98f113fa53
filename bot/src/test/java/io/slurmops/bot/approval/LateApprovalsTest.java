package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.wiring.Application;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hole 4 of issue 10: an approved plan whose approving process died ran whenever any slurmops process
 * next started — even a one-shot {@code slurmops run}, hours later. Only a long-running bot or console
 * recovers it, and only within {@code approvals.orphanExpiry}; older, it is expired and said so.
 */
class LateApprovalsTest {

    @TempDir
    Path dir;
    ApprovalHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new ApprovalHarness(dir, FakeCluster.withNodes(4));
        h.say("alice", "!slurm drain node001 maint");
        Instant now = h.clock.instant();
        // bob's approval was recorded, then his process died before claiming the run
        h.app.approvals().store().transaction(tx -> tx.decide(1, RequestState.PENDING, RequestState.APPROVED, now,
                "approved (1/1)", true));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void anOrphanOlderThanTheLimitIsExpiredAndReportedInItsThreadNotRun() throws Exception {
        h.clock.advance(Duration.ofMinutes(11));
        h.restart();
        assertThat(h.request(1).state()).isEqualTo(RequestState.EXPIRED);
        assertThat(h.updates("State=DRAIN")).isZero();
        assertThat(h.trail(1)).endsWith(AuditKind.EXPIRED).doesNotContain(AuditKind.STARTED);
        assertThat(h.audit(1).get(h.audit(1).size() - 1).detail()).contains("not run").contains("10m");
        h.app.bot().attach("console", ApprovalHarness.CHANNEL, h.channel);
        assertThat(h.channel.text()).contains("#1 was approved but not run");
    }

    @Test
    void theLimitIsConfigurable() throws Exception {
        h.clock.advance(Duration.ofMinutes(3));
        h.restart("15m\n  orphanExpiry: 2m");
        assertThat(h.request(1).state()).isEqualTo(RequestState.EXPIRED);
        assertThat(h.updates("State=DRAIN")).isZero();
    }

    @Test
    void aYoungOrphanStillRunsOnceInALongRunningProcess() throws Exception {
        h.clock.advance(Duration.ofMinutes(5));
        h.restart();
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(h.updates("State=DRAIN")).isEqualTo(1);
    }

    @Test
    void aOneShotProcessNeverRunsOrphans() throws Exception {
        h.close();
        h.clock.advance(Duration.ofMinutes(1));
        var config = new ConfigLoader(Map.of()).parse(ApprovalHarness.yaml(dir, "15m", ""), "test");
        try (Application oneShot = Application.start(config, h.cluster, h.clock)) {
            assertThat(h.updates("State=DRAIN")).isZero();
        }
        h.app = h.start("15m");
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
    }
}
