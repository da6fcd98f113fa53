package io.slurmops.adapters.store;

import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who executes a runbook run (V9), on H2 and MariaDB: another instance pauses a RUNNING run only once its
 * owner's heartbeat is stale, and only one of them; a paused run is taken for resuming by one instance.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "mariadb"})
class RunOwnerContractTest {

    private static final Duration STALE = Duration.ofMillis(1500);

    @Parameter
    String kind;

    private SlurmopsStore store;
    private final Clock clock = Clock.systemUTC();

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

    @Test
    void aRunIsOrphanedOnlyWhenItsOwnersHeartbeatIsStaleAndPausedOnce() throws Exception {
        RunJournal a = new StoreRunJournal(store, clock, "a", STALE);
        RunJournal b = new StoreRunJournal(store, clock, "b", STALE);
        RunJournal c = new StoreRunJournal(store, clock, "c", STALE);
        long run = a.createRun("cluster-restart", "h", Map.of(), clock.instant());
        a.setState(run, RunState.RUNNING, "started");

        assertThat(b.pauseIfOrphaned(run, "b: orphaned")).as("a fresh owner").isFalse();
        assertThat(a.pauseIfOrphaned(run, "a: orphaned")).as("its own run").isFalse();
        for (int i = 0; i < 3; i++) {                 // a keeps its heartbeat for longer than STALE
            Thread.sleep(STALE.toMillis() / 2);
            assertThat(a.heartbeat()).isEqualTo(1);
        }
        assertThat(b.pauseIfOrphaned(run, "b: orphaned")).as("a live owner").isFalse();
        assertThat(a.run(run).orElseThrow().state()).isEqualTo(RunState.RUNNING);

        Thread.sleep(STALE.toMillis() + 300);         // a died
        assertThat(b.pauseIfOrphaned(run, "b: orphaned")).isTrue();
        assertThat(c.pauseIfOrphaned(run, "c: orphaned")).as("already paused by b").isFalse();
        RunJournal.RunRecord rec = c.run(run).orElseThrow();
        assertThat(rec.state()).isEqualTo(RunState.PAUSED);
        assertThat(rec.note()).isEqualTo("b: orphaned");
        assertThat(a.heartbeat()).as("a paused run has no heartbeat").isZero();
    }

    @Test
    void aPausedRunIsTakenForResumingOnce() {
        RunJournal a = new StoreRunJournal(store, clock, "a", STALE);
        RunJournal b = new StoreRunJournal(store, clock, "b", STALE);
        long run = a.createRun("cluster-restart", "h", Map.of(), clock.instant());
        a.setState(run, RunState.PAUSED, "interrupted");

        assertThat(b.claimResume(run, RunState.PAUSED)).isTrue();
        assertThat(a.claimResume(run, RunState.PAUSED)).as("b took it first").isFalse();
        assertThat(a.run(run).orElseThrow().state()).isEqualTo(RunState.RUNNING);
        assertThat(a.pauseIfOrphaned(run, "a: orphaned")).as("b owns it now and is alive").isFalse();
        assertThat(b.heartbeat()).isEqualTo(1);
    }

    @Test
    void aSingleInstanceJournalPausesWhatItFindsRunningAtOnce() {
        RunJournal before = new StoreRunJournal(store, clock);
        long run = before.createRun("cluster-restart", "h", Map.of(), clock.instant());
        before.setState(run, RunState.RUNNING, "started");
        assertThat(before.pauseIfOrphaned(run, "own")).isFalse();

        RunJournal restarted = new StoreRunJournal(store, clock);
        assertThat(restarted.pauseIfOrphaned(run, "interrupted by the stop")).isTrue();
        assertThat(restarted.run(run).orElseThrow().state()).isEqualTo(RunState.PAUSED);
    }
}
