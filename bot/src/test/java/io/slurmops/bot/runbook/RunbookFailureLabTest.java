package io.slurmops.bot.runbook;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StoreRunJournal;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.runbook.BoundRunbook;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.RunbookEngine;
import io.slurmops.commands.runbook.run.StepStatus;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 11 "Done when": a failure injected mid-run on the lab — a step exiting non-zero, an
 * unreachable host, the bot killed — stops the run, says where and what next, leaves the backup in
 * place, and resume completes it. Every test puts the state dir and the lab back.
 */
@LabTest
class RunbookFailureLabTest {

    /** The bot's process dying mid-step: nothing in the engine may catch it. */
    static final class Killed extends Error {
    }

    private Path tmp;
    private LabStateDir saved;
    private SlurmopsConfig config;
    private Transport transport;
    private final Runbook recovery = RunbookLoader.load(null).runbooks().get("ctld-state-recovery");

    @BeforeEach
    void setUp() throws Exception {
        tmp = Files.createTempDirectory("rb-fail-lab-");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        saved = LabStateDir.keepCopy(tmp);
        config = new ConfigLoader(Map.of("SLURMOPS_STATE", tmp.toString())).load(LabCluster.repoRoot().resolve("config/lab.yaml"));
        transport = CtldStateRecoveryLabTest.transport(config);
    }

    @AfterEach
    void putTheLabBack() throws Exception {
        try {
            LabCluster.exec(List.of("ip", "link", "set", "lv003", "up"), 30);
            transport.close();
        } finally {
            saved.putBack();
            LabStateDir.sh("rm", "-rf", "--", tmp.toString());
        }
    }

    @Test
    void aStepExitingNonZeroStopsTheRunAndResumeCompletesItAfterTheFix() throws Exception {
        Path blocked = Files.writeString(tmp.resolve("backups"), "a file where the backup directory should be");
        LabStateDir.ctl("stop");
        try (SlurmopsStore store = store(); ClusterAccess access = new ClusterAccess(config.site(), transport)) {
            RunbookEngine engine = engine(access, store, blocked.toString());
            RunJournal.RunRecord rec = engine.start(BoundRunbook.bind(recovery, Map.of("stateDir", LabStateDir.STATE)));

            assertThat(rec.state()).isEqualTo(RunState.FAILED);
            assertThat(rec.note()).contains("stopped at step 2/7 `backup-state`", "Not a directory",
                    "steps done: 1 stop-ctld ok", "next: fix the cause, then `!slurm runbook resume " + rec.id() + "`");
            assertThat(rec.step(3)).as("nothing after the failed backup ran").isEmpty();
            assertThat(LabStateDir.controllerUp()).isFalse();

            Files.delete(blocked);
            Files.createDirectory(blocked);
            RunJournal.RunRecord done = engine.resume(rec.id(), recovery, true);
            assertThat(done.state()).as(done.note()).isEqualTo(RunState.DONE);
            CtldStateRecoveryLabTest.assertBackupVerified(done);
            CtldStateRecoveryLabTest.awaitHealthy();
        }
    }

    @Test
    void anUnreachableNodeStopsTheRunWithTheBackupInPlaceAndResumeCompletesIt() throws Exception {
        Path site = Files.createDirectory(tmp.resolve("site-runbooks"));
        Files.writeString(site.resolve("node-restart-drill.yaml"), """
                name: node-restart-drill
                title: Back up the state, restart slurmd on node003
                risk: change
                values:
                  stateDir: {type: state-dir, known: plan}
                  backupDir: {type: path, known: run}
                steps:
                  - id: backup-state
                    copy: {from: "${stateDir}", to: "${backupDir}/state", verify: true}
                    rollback: nothing to undo; the backup stays in ${backupDir}
                  - id: restart-slurmd
                    restart: slurmd
                    on: node003
                    rollback: none
                  - id: node-back
                    wait-until: {nodes-responding: node003}
                    timeout: 90s
                    rollback: none
                verify:
                  - controller-up
                  - {nodes-responding: node003}
                """);
        RunbookLoader.Loaded loaded = RunbookLoader.load(site);
        assertThat(loaded.refused()).isEmpty();
        Runbook drill = loaded.runbooks().get("node-restart-drill");
        LabStateDir.sh("ip", "link", "set", "lv003", "down");
        try (SlurmopsStore store = store(); ClusterAccess access = new ClusterAccess(config.site(), transport)) {
            RunbookEngine engine = engine(access, store, config.backups().dir());
            RunJournal.RunRecord rec = engine.start(BoundRunbook.bind(drill, Map.of("stateDir", LabStateDir.STATE)));

            assertThat(rec.state()).isEqualTo(RunState.FAILED);
            assertThat(rec.note()).contains("stopped at step 2/3 `restart-slurmd`", "node003", "steps done: 1 backup-state ok",
                    "backups kept: " + rec.values().get("backupDir") + "/state", "runbook resume " + rec.id());
            CtldStateRecoveryLabTest.assertBackupVerified(rec, 1);

            LabStateDir.sh("ip", "link", "set", "lv003", "up");
            awaitSsh("node003");               // the fix is done when the node answers again
            RunJournal.RunRecord done = engine.resume(rec.id(), drill, true);
            assertThat(done.state()).as(done.note()).isEqualTo(RunState.DONE);
            assertThat(done.step(2).orElseThrow().status()).isEqualTo(StepStatus.OK);
        }
    }

    @Test
    void aBotKilledMidStepIsPausedByTheNextOneAndResumeCompletesWithoutReRunningTheStep() throws Exception {
        AtomicInteger copies = new AtomicInteger();
        AtomicBoolean alive = new AtomicBoolean(true);
        Transport dying = cmd -> {
            ExecResult r = transport.exec(cmd);
            if (isBackupCopy(cmd) && copies.incrementAndGet() == 1 && alive.getAndSet(false)) {
                throw new Killed();             // the copy ran; the bot died before recording its end
            }
            return r;
        };
        LabStateDir.ctl("stop");
        String storeUrl = "jdbc:h2:file:" + tmp.resolve("runs/store");
        try (SlurmopsStore first = SlurmopsStore.open(storeUrl, "", "");
             ClusterAccess access = new ClusterAccess(config.site(), dying)) {
            RunbookEngine engine = engine(access, first, config.backups().dir());
            assertThatThrownBy(() -> engine.start(BoundRunbook.bind(recovery, Map.of("stateDir", LabStateDir.STATE))))
                    .isInstanceOf(Killed.class);
        }

        Transport counting = cmd -> {
            if (isBackupCopy(cmd)) {
                copies.incrementAndGet();
            }
            return transport.exec(cmd);
        };
        try (SlurmopsStore second = SlurmopsStore.open(storeUrl, "", "");
             ClusterAccess access = new ClusterAccess(config.site(), counting)) {
            RunbookEngine restarted = engine(access, second, config.backups().dir());
            List<RunJournal.RunRecord> paused = restarted.pauseInterrupted(name -> name.equals(recovery.name()) ? recovery : null);
            assertThat(paused).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(RunState.PAUSED);
                assertThat(r.step(2).orElseThrow().status()).isEqualTo(StepStatus.STARTED);
                assertThat(r.note()).contains("step 2/7 `backup-state` was interrupted", "it is never re-run by itself",
                        "runbook resume " + r.id());
            });

            RunJournal.RunRecord done = restarted.resume(paused.get(0).id(), recovery, false);
            assertThat(done.state()).as(done.note()).isEqualTo(RunState.DONE);
            assertThat(done.step(2).orElseThrow().status()).isEqualTo(StepStatus.INTERRUPTED);
            assertThat(done.step(2).orElseThrow().output()).contains("match the source's SHA-256 manifest");
            assertThat(copies.get()).as("the interrupted copy never ran again").isEqualTo(1);
            CtldStateRecoveryLabTest.assertBackupVerified(done);
            CtldStateRecoveryLabTest.awaitHealthy();
        }
    }

    private static void awaitSsh(String node) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        LabCluster.Result r;
        do {
            r = LabCluster.exec(List.of("ssh", "-F", "/var/lib/slurmlab/ssh/ssh_config", node, "true"), 30);
            if (r.exitCode() == 0) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < end);
        throw new AssertionError(node + " does not answer ssh 30 s after its link came back: " + r.output());
    }

    private static boolean isBackupCopy(HostCommand cmd) {
        return cmd.argv().size() > 2 && cmd.argv().get(0).equals("cp") && cmd.argv().get(1).equals("-a");
    }

    private SlurmopsStore store() {
        return SlurmopsStore.open("jdbc:h2:file:" + tmp.resolve("runs/store"), "", "");
    }

    private static RunbookEngine engine(ClusterAccess access, SlurmopsStore store, String backupRoot) {
        return new RunbookEngine(access, new StoreRunJournal(store, Clock.systemUTC()), Clock.systemUTC(), backupRoot,
                Duration.ofSeconds(1));
    }
}
