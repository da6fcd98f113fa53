package io.slurmops.bot.lifecycle;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StaleLeaseException;
import io.slurmops.adapters.store.TestStores;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.alerts.StoredAlertStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two instances on one store (two keepers, as two processes would have): one leads; when it dies
 * (stops renewing without releasing) the other takes over within ttl + renewEvery, and the dead
 * leader's fenced writes are refused from then on. Nothing ever has two leaders at once.
 */
class LeaseKeeperTest {

    private static final Duration TTL = Duration.ofMillis(1500);
    private static final Duration RENEW = Duration.ofMillis(200);

    private SlurmopsStore store;

    @BeforeEach
    void open() throws Exception {
        store = TestStores.h2().open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aStandbyTakesOverWithinTheBoundAndTheDeadLeadersWritesAreRefused() throws Exception {
        LeaseKeeper dead = new LeaseKeeper(store, "alerts", "a", TTL, RENEW);
        assertThat(dead.tryNow()).isTrue(); // it led once, then "died": never renewed, never released
        long diedAt = System.nanoTime();
        long deadToken = dead.token().orElseThrow();
        try (LeaseKeeper standby = new LeaseKeeper(store, "alerts", "b", TTL, RENEW).start()) {
            boolean overlap = false;
            while (!standby.holds() && System.nanoTime() - diedAt < Duration.ofSeconds(10).toNanos()) {
                overlap |= dead.holds() && standby.holds();
                Thread.sleep(10);
            }
            long takeoverMs = (System.nanoTime() - diedAt) / 1_000_000;
            assertThat(standby.holds()).isTrue();
            assertThat(overlap).isFalse();
            assertThat(dead.holds()).as("the dead leader's own deadline passed first").isFalse();
            assertThat(takeoverMs).isLessThanOrEqualTo(TTL.plus(RENEW).toMillis() + 500);
            assertThat(standby.token().orElseThrow()).isGreaterThan(deadToken);

            Incident i = new Incident(1, "nodes:node003", "nodes", "node003",
                    io.slurmops.commands.reply.Status.CRITICAL, "down", "d", "", java.time.Instant.now(),
                    java.time.Instant.now(), null, null, 0, 0, null, null, null);
            StoredAlertStore base = new StoredAlertStore(store);
            assertThatThrownBy(() -> base.fencedBy(dead).save(i)).isInstanceOf(StaleLeaseException.class);
            assertThat(base.latest("nodes:node003")).isEmpty();
            assertThat(base.fencedBy(dead).claimPost("alert:1:opened")).isFalse();
            base.fencedBy(standby).save(i);
            assertThat(base.latest("nodes:node003")).isPresent();
            assertThat(base.fencedBy(standby).claimPost("alert:1:opened")).isTrue();
        }
    }

    @Test
    void closingReleasesSoTheStandbyNeedNotWaitForTheTtl() throws Exception {
        LeaseKeeper leader = new LeaseKeeper(store, "alerts", "a", Duration.ofSeconds(60), RENEW).start();
        assertThat(leader.holds()).isTrue();
        try (LeaseKeeper standby = new LeaseKeeper(store, "alerts", "b", Duration.ofSeconds(60), RENEW).start()) {
            assertThat(standby.holds()).isFalse();
            leader.close();
            long t0 = System.nanoTime();
            while (!standby.holds() && System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos()) {
                Thread.sleep(10);
            }
            assertThat(standby.holds()).isTrue();
        }
    }
}
