package io.slurmops.bot.runbook;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StoreRunJournal;
import io.slurmops.adapters.store.TestStores;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.runbook.BoundRunbook;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.RunbookEngine;
import io.slurmops.commands.runbook.run.StepStatus;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.slurmops.testing.FakeCluster.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runbook engine on a site runbook loaded from YAML, against the fake cluster at the transport
 * edge and the real store (H2): run-time values, failures with their report, attempts, and a bot
 * killed between a step's STARTED and its end.
 */
class RunbookEngineTest {

    static final String STATE = "/var/spool/slurmctld";
    static final String BACKUP = "/var/backups/slurmops/safe-restart-20261203T100000Z-run1";

    /** A crash of the bot mid-step: nothing in the engine catches it, as nothing survives a kill. */
    static final class Killed extends Error {
    }

    @TempDir
    Path site;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final FakeCluster cluster = FakeCluster.withNodes(3);
    private SlurmopsStore store;
    private ClusterAccess access;
    private Map<String, Runbook> runbooks;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(site.resolve("safe-restart.yaml"), """
                name: safe-restart
                title: Back up the state and restart the Slurm daemons
                risk: destructive
                values:
                  stateDir:
                    type: state-dir
                    known: plan
                  backupDir:
                    type: path
                    known: run
                steps:
                  - id: stop-slurmd
                    stop: slurmd
                    on: all-nodes
                    rollback: start slurmd on all nodes
                  - id: stop-ctld
                    stop: slurmctld
                    rollback: start slurmctld
                  - id: backup-state
                    copy: {from: "${stateDir}", to: "${backupDir}/state", verify: true}
                    rollback: nothing; the backup stays in ${backupDir}
                  - id: start-ctld
                    start: slurmctld
                    rollback: stop slurmctld
                  - id: start-slurmd
                    start: slurmd
                    on: all-nodes
                    rollback: stop slurmd
                  - id: resume
                    resume-nodes-set-down: true
                    rollback: drain them again
                verify:
                  - controller-up
                  - {nodes-responding: all-nodes}
                """);
        Files.writeString(site.resolve("try-then-go.yaml"), """
                name: try-then-go
                risk: change
                steps:
                  - id: try-restart
                    restart: slurmd
                    on: node001
                    attempt: true
                    rollback: none
                  - id: restart-node002
                    restart: slurmd
                    on: node002
                    rollback: none
                verify:
                  - controller-up
                """);
        Files.writeString(site.resolve("gated.yaml"), """
                name: gated
                risk: change
                steps:
                  - id: restart-node001
                    restart: slurmd
                    on: node001
                    rollback: none
                  - id: restart-node002
                    restart: slurmd
                    on: node002
                    rollback: none
                gates:
                  - before: restart-node002
                    approvals: 1
                    reason: node002 runs the long jobs
                verify:
                  - controller-up
                """);
        RunbookLoader.Loaded loaded = RunbookLoader.load(site);
        assertThat(loaded.refused()).isEmpty();
        runbooks = loaded.runbooks();
        store = TestStores.h2().open();
        access = new ClusterAccess(FakeCluster.site(), cluster);
        cluster.file(FakeCluster.CONTROLLER, STATE + "/job_state", bytes("jobs v1"))
                .file(FakeCluster.CONTROLLER, STATE + "/node_state", bytes("nodes v1"))
                .node("node003", "drained", "bad dimm");
        // slurmctld marks a node down once its slurmd is gone (a drained one shows drained); it stays down after slurmd is back
        cluster.hook(cmd -> {
            if (cmd.argv().equals(List.of("systemctl", "stop", "slurmd")) && !cluster.node(cmd.host()).state().startsWith("drain")) {
                cluster.node(cmd.host(), "down", "Not responding");
            }
            return Optional.empty();
        });
    }

    @AfterEach
    void tearDown() {
        if (access != null) {
            access.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private RunbookEngine engine() {
        return new RunbookEngine(access, new StoreRunJournal(store, clock), clock, "/var/backups/slurmops/", Duration.ofMillis(5));
    }

    private BoundRunbook plan() {
        return BoundRunbook.bind(runbooks.get("safe-restart"), Map.of("stateDir", STATE));
    }

    private long ran(String... argv) {
        return cluster.ran(argv).size();
    }

    @Test
    void happyPathRecordsRunTimeValuesAndBindsThemIntoLaterSteps() {
        RunJournal.RunRecord rec = engine().start(plan());

        assertThat(rec.state()).as(rec.note()).isEqualTo(RunState.DONE);
        assertThat(rec.steps()).extracting(RunJournal.StepRecord::status).containsOnly(StepStatus.OK).hasSize(6);
        assertThat(rec.values()).containsEntry("backupDir", BACKUP).containsEntry("nodesSetDown", "node[001-002]");
        assertThat(cluster.ran("cp")).singleElement()
                .satisfies(c -> assertThat(c.argv()).containsExactly("cp", "-a", "--", STATE, BACKUP + "/state"));
        assertThat(cluster.file(FakeCluster.CONTROLLER, BACKUP + "/state/job_state")).isEqualTo(bytes("jobs v1"));
        assertThat(rec.step(3).orElseThrow().output()).contains("2 file(s) match the source's SHA-256 manifest");
        // only the nodes this run set down are resumed; the node people drained keeps its drain
        assertThat(cluster.ran("scontrol", "update")).singleElement()
                .satisfies(c -> assertThat(c.argv()).contains("NodeName=node[001-002]", "State=RESUME"));
        assertThat(cluster.node("node001").state()).isEqualTo("idle");
        assertThat(cluster.node("node003").state()).isEqualTo("drained");
        assertThat(rec.steps()).allSatisfy(s -> assertThat(s.elapsed()).isPresent());
    }

    @Test
    void aFailingStepStopsTheRunWithAReportAndResumeFinishesIt() {
        AtomicBoolean broken = new AtomicBoolean(true);
        cluster.hook(cmd -> broken.get() && cmd.argv().equals(List.of("systemctl", "start", "slurmctld"))
                ? Optional.of(ExecResult.exited(cmd, 1, "", "Job for slurmctld.service failed", Duration.ZERO))
                : Optional.empty());
        RunbookEngine engine = engine();
        RunJournal.RunRecord rec = engine.start(plan());

        assertThat(rec.state()).isEqualTo(RunState.FAILED);
        assertThat(rec.step(4).orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(rec.step(5)).isEmpty();
        assertThat(ran("systemctl", "start", "slurmd")).isZero();
        assertThat(rec.note()).contains("stopped at step 4/6 `start-ctld`", "Job for slurmctld.service failed",
                "steps done: 1 stop-slurmd ok; 2 stop-ctld ok; 3 backup-state ok", "backups kept: " + BACKUP + "/state",
                "nodes this run set down: node[001-002]", "to undo this step: stop slurmctld", "runbook resume 1");
        assertThat(cluster.file(FakeCluster.CONTROLLER, BACKUP + "/state/job_state")).isEqualTo(bytes("jobs v1"));

        broken.set(false);
        RunJournal.RunRecord after = engine.resume(rec.id(), runbooks.get("safe-restart"), true);
        assertThat(after.state()).as(after.note()).isEqualTo(RunState.DONE);
        assertThat(ran("cp")).isEqualTo(1);
    }

    @Test
    void anUnreachableHostFailsTheStep() {
        cluster.hook(cmd -> cmd.host().equals("node002") ? Optional.of(FakeCluster.unreachable(cmd)) : Optional.empty());
        RunJournal.RunRecord rec = engine().start(plan());

        assertThat(rec.state()).isEqualTo(RunState.FAILED);
        assertThat(rec.note()).contains("stopped at step 1/6 `stop-slurmd`", "node002", "No route to host");
        assertThat(ran("systemctl", "stop", "slurmctld")).isZero();
    }

    @Test
    void anAttemptStepMayFailAndTheRunGoesOn() {
        cluster.hook(cmd -> cmd.host().equals("node001") && cmd.argv().contains("restart")
                ? Optional.of(ExecResult.exited(cmd, 1, "", "slurmd: fatal: bad config", Duration.ZERO)) : Optional.empty());
        RunJournal.RunRecord rec = engine().start(BoundRunbook.bind(runbooks.get("try-then-go"), Map.of()));

        assertThat(rec.state()).as(rec.note()).isEqualTo(RunState.DONE);
        assertThat(rec.step(1).orElseThrow().status()).isEqualTo(StepStatus.ATTEMPT_FAILED);
        assertThat(rec.step(1).orElseThrow().output()).contains("bad config");
        assertThat(rec.step(2).orElseThrow().status()).isEqualTo(StepStatus.OK);
    }

    @Test
    void aGatePausesTheRunUntilItsApprovalsAreIn() {
        RunbookEngine engine = engine();
        RunJournal.RunRecord rec = engine.start(BoundRunbook.bind(runbooks.get("gated"), Map.of()));

        assertThat(rec.state()).isEqualTo(RunState.WAITING_GATE);
        assertThat(rec.note()).contains("1 more approval(s) before step 2 `restart-node002`", "long jobs");
        assertThat(cluster.ran("systemctl", "restart")).extracting(HostCommand::host).containsExactly("node001");

        RunJournal.RunRecord done = engine.passGate(rec.id(), runbooks.get("gated"));
        assertThat(done.state()).as(done.note()).isEqualTo(RunState.DONE);
        assertThat(cluster.ran("systemctl", "restart")).extracting(HostCommand::host).containsExactly("node001", "node002");
    }

    @Test
    void aStepInterruptedByACrashIsNeverReRunByItselfAndResumeCompletesTheRun() {
        AtomicBoolean kill = new AtomicBoolean(true);
        cluster.hook(cmd -> {
            if (cmd.argv().get(0).equals("cp") && kill.getAndSet(false)) {
                throw new Killed();
            }
            return Optional.empty();
        });
        assertThatThrownBy(() -> engine().start(plan())).isInstanceOf(Killed.class);

        // the bot restarts: a new engine on the same store
        RunbookEngine restarted = engine();
        List<RunJournal.RunRecord> paused = restarted.pauseInterrupted(runbooks::get);
        assertThat(paused).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RunState.PAUSED);
            assertThat(r.step(3).orElseThrow().status()).isEqualTo(StepStatus.STARTED);
            assertThat(r.note()).contains("step 3/6 `backup-state` was interrupted", "next: check every file in "
                    + BACKUP + "/state matches the source's SHA-256 manifest");
        });
        assertThat(ran("cp")).isEqualTo(1);

        // resumed without a re-run: the step's check still fails (the copy never happened), nothing runs
        RunJournal.RunRecord checked = restarted.resume(1, runbooks.get("safe-restart"), false);
        assertThat(checked.state()).isEqualTo(RunState.PAUSED);
        assertThat(checked.note()).contains("its check still fails");
        assertThat(ran("cp")).isEqualTo(1);
        assertThat(ran("systemctl", "start", "slurmctld")).isZero();

        RunJournal.RunRecord done = restarted.resume(1, runbooks.get("safe-restart"), true);
        assertThat(done.state()).as(done.note()).isEqualTo(RunState.DONE);
        assertThat(ran("cp")).isEqualTo(2);
        assertThat(done.values()).containsEntry("backupDir", BACKUP);
        assertThat(cluster.file(FakeCluster.CONTROLLER, BACKUP + "/state/node_state")).isEqualTo(bytes("nodes v1"));
    }

    @Test
    void anActionThatIsNotBuiltFailsLoudlyInsteadOfPassing() {
        RunJournal.RunRecord rec = engine().start(BoundRunbook.bind(RunbookLoader.load(null).runbooks().get("cluster-restart"),
                Map.of("stateDir", STATE)));

        assertThat(rec.state()).isEqualTo(RunState.FAILED);
        assertThat(rec.note()).contains("stopped at step 5/9 `backup-db`", "action db-dump not implemented");
        assertThat(rec.step(4).orElseThrow().status()).isEqualTo(StepStatus.OK);
    }

}
