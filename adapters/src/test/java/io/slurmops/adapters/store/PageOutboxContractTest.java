package io.slurmops.adapters.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The page outbox on H2 and MariaDB: one row per decision, one claimant per row, outcomes only by the claimant. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "mariadb"})
class PageOutboxContractTest {

    @Parameter
    String kind;

    private SlurmopsStore store;
    private final Instant t0 = Instant.parse("2026-12-03T03:00:00Z");

    @BeforeEach
    void open() throws Exception {
        store = (kind.equals("h2") ? TestStores.h2() : TestStores.mariadb()).open();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private boolean enqueue(String level, String target, String action) {
        return store.<Boolean>transaction(tx -> tx.enqueuePage(5, "controller:slurmctld", level, target, action, "{}", t0));
    }

    @Test
    void aDecisionIsWrittenOnceAndOnlyItsClaimantFinishesIt() {
        assertThat(enqueue("L2", "pagerduty:hpc", PageRow.TRIGGER)).isTrue();
        assertThat(enqueue("L2", "pagerduty:hpc", PageRow.TRIGGER)).as("the same decision again").isFalse();
        assertThat(enqueue("L2", "pagerduty:hpc", PageRow.ACKNOWLEDGE)).isTrue();
        long id = store.transaction(tx -> tx.pagesOf(5)).get(0).id();

        assertThat(store.<List<PageRow>>transaction(tx -> tx.duePages(t0.minusSeconds(1), 10))).isEmpty();
        assertThat(store.<Boolean>transaction(tx -> tx.claimPage(id, "a", t0, Duration.ofMinutes(2)))).isTrue();
        assertThat(store.<Boolean>transaction(tx -> tx.claimPage(id, "b", t0.plusSeconds(60), Duration.ofMinutes(2))))
                .as("a live claim is not taken").isFalse();
        assertThat(store.<List<PageRow>>transaction(tx -> tx.duePages(t0, 10))).extracting(PageRow::action)
                .containsExactly(PageRow.ACKNOWLEDGE);
        assertThat(store.<Boolean>transaction(tx -> tx.finishPage(id, "b", PageRow.SENT, t0, null, null))).isFalse();
        assertThat(store.<Boolean>transaction(tx -> tx.finishPage(id, "a", PageRow.PENDING, t0, t0.plusSeconds(10), "503")))
                .isTrue();
        PageRow retry = store.transaction(tx -> tx.pagesOf(5)).get(0);
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.nextAt()).isEqualTo(t0.plusSeconds(10));
        assertThat(retry.lastError()).isEqualTo("503");

        // A claim whose sender died lapses and can be taken again.
        assertThat(store.<Boolean>transaction(tx -> tx.claimPage(id, "a", t0.plusSeconds(10), Duration.ofMinutes(2)))).isTrue();
        assertThat(store.<Boolean>transaction(tx -> tx.claimPage(id, "b", t0.plusSeconds(200), Duration.ofMinutes(2)))).isTrue();
        assertThat(store.<Boolean>transaction(tx -> tx.finishPage(id, "b", PageRow.SENT, t0.plusSeconds(201), null, null)))
                .isTrue();
        assertThat(store.<Boolean>transaction(tx -> tx.claimPage(id, "a", t0.plusSeconds(999), Duration.ofMinutes(2))))
                .as("a sent row is never claimed again").isFalse();
        assertThat(store.transaction(tx -> tx.pagesOf(5)).get(0).sentAt()).isEqualTo(t0.plusSeconds(201));
        assertThat(store.<List<PageRow>>transaction(tx -> tx.unresolvedPages())).extracting(PageRow::id).containsExactly(id);
        assertThat(enqueue("L2", "pagerduty:hpc", PageRow.RESOLVE)).isTrue();
        assertThat(store.<List<PageRow>>transaction(tx -> tx.unresolvedPages())).isEmpty();
    }

    @Test
    void concurrentClaimantsGetARowExactlyOnceAndTheFirstAcknowledgementWins() throws Exception {
        enqueue("L1", "group:oncall", PageRow.TRIGGER);
        long id = store.transaction(tx -> tx.pagesOf(5)).get(0).id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "h" + i;
                claims.add(pool.submit(() -> {
                    go.await();
                    return store.<Boolean>transaction(tx -> tx.claimPage(id, holder, t0, Duration.ofMinutes(2)));
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : claims) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.<Boolean>transaction(tx -> tx.acknowledgeIncident(5, "alice", "reaction", t0))).isTrue();
        assertThat(store.<Boolean>transaction(tx -> tx.acknowledgeIncident(5, "bob", "command", t0.plusSeconds(1)))).isFalse();
        assertThat(store.<java.util.Optional<AckRow>>transaction(tx -> tx.acknowledgement(5))).contains(new AckRow(5, "alice", "reaction", t0));
        assertThat(store.<Integer>transaction(tx -> tx.cancelPendingPages(5, PageRow.TRIGGER, t0.plusSeconds(10))))
                .as("the claimed row is being sent: not cancelled").isZero();
        assertThat(store.<Integer>transaction(tx -> tx.cancelPendingPages(5, PageRow.TRIGGER, t0.plusSeconds(200))))
                .as("once its claim lapsed it is").isEqualTo(1);
    }
}
