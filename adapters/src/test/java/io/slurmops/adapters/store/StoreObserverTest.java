package io.slurmops.adapters.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store tells its observer about each transaction, and about decisions only once they are committed. */
class StoreObserverTest {

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private SlurmopsStore store;

    @BeforeEach
    void open() throws Exception {
        store = TestStores.h2().open();
        store.setObserver(new StoreObserver() {
            @Override
            public void transaction(Duration took, boolean committed) {
                assertThat(took).isPositive();
                heard.add(committed ? "tx" : "tx-failed");
            }

            @Override
            public void decided(RequestState to) {
                heard.add(to.label());
            }
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long pendingRequest() {
        long id = store.transaction(tx -> tx.insertRequest(new NewRequest("drain", "!slurm drain node004 maint",
                "change", "alice", "Alice", "console", "c1", t0)));
        store.transaction(tx -> tx.attachPlan(id, "plan", "ab".repeat(32), 1, t0.plusSeconds(900)));
        heard.clear();
        return id;
    }

    @Test
    void aCommittedDecisionIsToldOnceAndALostRaceNotAtAll() {
        long id = pendingRequest();

        store.transaction(tx -> tx.decide(id, RequestState.PENDING, RequestState.APPROVED, t0, "ok", true));
        store.transaction(tx -> tx.decide(id, RequestState.PENDING, RequestState.DENIED, t0, "late", true));

        assertThat(heard).containsExactly("approved", "tx", "tx");
    }

    @Test
    void aRolledBackDecisionIsNotToldAndTheFailureIs() {
        long id = pendingRequest();

        assertThatThrownBy(() -> store.transaction(tx -> {
            tx.decide(id, RequestState.PENDING, RequestState.DENIED, t0, "no", true);
            throw new IllegalStateException("boom after the update");
        })).hasMessageContaining("boom");

        assertThat(heard).containsExactly("tx-failed");
        assertThat(store.transaction(tx -> tx.request(id)).orElseThrow().state()).isEqualTo(RequestState.PENDING);
    }
}
