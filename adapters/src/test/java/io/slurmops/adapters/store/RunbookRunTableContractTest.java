package io.slurmops.adapters.store;

import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.StepStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runbook runs on the H2 file store and on MariaDB: what a restarted bot reads back is what was recorded. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "mariadb"})
class RunbookRunTableContractTest {

    @Parameter
    String kind;

    private TestStores.Target target;
    private SlurmopsStore store;
    private final Instant t0 = Instant.parse("2026-12-03T10:00:00.123Z");
    private final Clock clock = Clock.fixed(t0, ZoneOffset.UTC);

    @BeforeEach
    void open() throws Exception {
        target = kind.equals("h2") ? TestStores.h2() : TestStores.mariadb();
        store = target.open();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void runStepsAndValuesSurviveReopeningTheStore() {
        RunJournal journal = new StoreRunJournal(store, clock);
        long run = journal.createRun("cluster-restart", "ab12", Map.of("stateDir", "/var/spool/slurmctld"), t0);
        journal.setValue(run, "backupDir", "/backups/cluster-restart-1");
        journal.setValue(run, "nodesSetDown", "node[001-002]");
        journal.setValue(run, "nodesSetDown", "node[001-003]");
        journal.stepStarted(run, 1, "stop-slurmd", t0);
        journal.stepEnded(run, 1, StepStatus.OK, "x".repeat(70_000), Duration.ofMillis(1500));
        journal.stepStarted(run, 2, "stop-ctld", t0.plusSeconds(2));
        journal.setState(run, RunState.RUNNING, "step 2");

        store.close();
        store = target.open();
        RunJournal.RunRecord rec = new StoreRunJournal(store, clock).run(run).orElseThrow();

        assertThat(rec.runbook()).isEqualTo("cluster-restart");
        assertThat(rec.planHash()).isEqualTo("ab12");
        assertThat(rec.state()).isEqualTo(RunState.RUNNING);
        assertThat(rec.values()).containsEntry("stateDir", "/var/spool/slurmctld")
                .containsEntry("backupDir", "/backups/cluster-restart-1").containsEntry("nodesSetDown", "node[001-003]");
        assertThat(rec.steps()).hasSize(2);
        assertThat(rec.steps().get(0).status()).isEqualTo(StepStatus.OK);
        assertThat(rec.steps().get(0).output()).hasSize(70_000);
        assertThat(rec.steps().get(0).elapsed()).contains(Duration.ofMillis(1500));
        // the interrupted step: STARTED, no end recorded
        assertThat(rec.steps().get(1).status()).isEqualTo(StepStatus.STARTED);
        assertThat(rec.steps().get(1).elapsed()).isEmpty();
        assertThat(rec.steps().get(1).started()).isEqualTo(Instant.ofEpochMilli(t0.plusSeconds(2).toEpochMilli()));
    }

    @Test
    void unfinishedListsOnlyRunsNotOverAndARerunReplacesTheStep() {
        RunJournal journal = new StoreRunJournal(store, clock);
        long done = journal.createRun("a", "h", Map.of(), t0);
        long failed = journal.createRun("b", "h", Map.of(), t0);
        long aborted = journal.createRun("c", "h", Map.of(), t0);
        journal.setState(done, RunState.DONE, "ok");
        journal.setState(failed, RunState.FAILED, "step 1");
        journal.setState(aborted, RunState.ABORTED, "by alice");
        assertThat(journal.unfinished()).containsExactly(failed);

        journal.stepStarted(failed, 1, "copy", t0);
        journal.stepEnded(failed, 1, StepStatus.FAILED, "cp: no space", Duration.ofSeconds(1));
        journal.stepStarted(failed, 1, "copy", t0.plusSeconds(60));
        assertThat(journal.run(failed).orElseThrow().steps()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StepStatus.STARTED));
        assertThat(journal.run(9999)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> journal.stepEnded(failed, 7, StepStatus.OK, "", Duration.ZERO))
                .isInstanceOf(StoreException.class).hasMessageContaining("never started");
    }
}
