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
import io.slurmops.commands.site.LogSource;
import io.slurmops.commands.site.SiteProfile;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slurmops.testing.FakeCluster.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in ctld-state-recovery on the fake cluster, whose slurmctld reads its job state as the
 * lab's 22.05 does: a garbled job_state makes it log the fatal line and exit (the lab's exact words),
 * and it logs to a file the site names. The lab test runs the same on the real cluster.
 */
class CtldStateRecoveryEngineTest {

    static final String STATE = "/var/spool/slurmctld";
    static final String LOG = "/var/log/slurm/slurmctld.log";
    static final String FATAL = "fatal: Incomplete job state save file, start with '-i' to ignore this. "
            + "Warning: using -i will lose the data that can't be recovered.";

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final FakeCluster cluster = FakeCluster.withNodes(2).service(FakeCluster.CONTROLLER, "slurmctld", false);
    private final StringBuilder log = new StringBuilder();
    private final List<String> managerEnv = new ArrayList<>();
    private final List<String> startedWith = new ArrayList<>();
    private boolean otherFailure;
    private boolean killOnUnset;
    private final Runbook recovery = RunbookLoader.load(null).runbooks().get("ctld-state-recovery");
    private SlurmopsStore store;
    private ClusterAccess access;

    @BeforeEach
    void setUp() throws Exception {
        SiteProfile base = FakeCluster.site();
        SiteProfile site = new SiteProfile(base.clusterName(), base.controller(), "", "", base.serviceManager(),
                base.nodeServiceManager(), Map.of(), Map.of("slurmctld", LogSource.file(LOG)), Map.of(), base.slurmConf(),
                base.mungeKey(), base.slurmTimeout(), base.nodeTimeout(), base.fanout());
        access = new ClusterAccess(site, cluster);
        store = TestStores.h2().open();
        cluster.file(FakeCluster.CONTROLLER, STATE + "/job_state", bytes("garbled"))
                .file(FakeCluster.CONTROLLER, STATE + "/job_state.old", bytes("jobs v1"))
                .file(FakeCluster.CONTROLLER, STATE + "/node_state", bytes("nodes v2"))
                .file(FakeCluster.CONTROLLER, STATE + "/node_state.old", bytes("nodes v1"))
                .file(FakeCluster.CONTROLLER, STATE + "/hash.7/job.17/script", bytes("#!/bin/sh"))
                .file(FakeCluster.CONTROLLER, STATE + "/hash.8/job.18/script", bytes("#!/bin/sh"));
        log.append("[t0] slurmctld version 22.05.8 started on cluster lab\n[t0] ").append(FATAL).append('\n');
        cluster.hook(this::controllerHost);
    }

    @AfterEach
    void tearDown() {
        access.close();
        store.close();
    }

    /** What the controller host answers beyond the fake's basics: slurmctld's start and log, the manager's environment. */
    private Optional<ExecResult> controllerHost(HostCommand cmd) {
        List<String> a = cmd.argv();
        String joined = String.join(" ", a);
        if (joined.equals("systemctl start slurmctld")) {
            startedWith.add(String.join(" ", managerEnv));
            log.append("[t] slurmctld version 22.05.8 started on cluster lab\n");
            boolean ignore = managerEnv.stream().anyMatch(v -> v.startsWith("SLURMCTLD_OPTIONS=") && v.matches(".*[= ]-i( .*)?$"));
            if (otherFailure) {
                log.append("[t] fatal: slurm_init_msg_engine_port error Address already in use\n");
                return Optional.of(ExecResult.exited(cmd, 1, "", "Job for slurmctld.service failed", Duration.ZERO));
            }
            if (!ignore && "garbled".equals(new String(cluster.file(FakeCluster.CONTROLLER, STATE + "/job_state")))) {
                log.append("[t] ").append(FATAL).append('\n');
                return Optional.of(ExecResult.exited(cmd, 1, "", "Job for slurmctld.service failed", Duration.ZERO));
            }
            cluster.service(FakeCluster.CONTROLLER, "slurmctld", true);
            return Optional.of(FakeCluster.ok(cmd, ""));
        }
        if (a.size() == 3 && a.get(0).equals("systemctl") && a.get(1).equals("set-environment")) {
            managerEnv.removeIf(v -> v.startsWith(a.get(2).substring(0, a.get(2).indexOf('=') + 1)));
            managerEnv.add(a.get(2));
            return Optional.of(FakeCluster.ok(cmd, ""));
        }
        if (joined.equals("systemctl unset-environment SLURMCTLD_OPTIONS")) {
            if (killOnUnset) {
                throw new Killed();
            }
            managerEnv.removeIf(v -> v.startsWith("SLURMCTLD_OPTIONS="));
            return Optional.of(FakeCluster.ok(cmd, ""));
        }
        if (joined.equals("systemctl show-environment")) {
            return Optional.of(FakeCluster.ok(cmd, String.join("\n", managerEnv)));
        }
        if (joined.equals("tail -n 2000 " + LOG)) {
            return Optional.of(FakeCluster.ok(cmd, log.toString()));
        }
        if (joined.equals("stat -c %s -- " + LOG)) {
            return Optional.of(FakeCluster.ok(cmd, log.length() + "\n"));
        }
        if (a.get(0).equals("tail") && a.get(1).equals("-c")) {
            int from = Integer.parseInt(a.get(2).substring(1)) - 1;
            return Optional.of(FakeCluster.ok(cmd, log.substring(Math.min(from, log.length()))));
        }
        if (a.get(0).equals("test") && a.get(1).equals("-s")) {
            return Optional.of(ExecResult.exited(cmd, cluster.file(cmd.host(), a.get(2)) != null ? 0 : 1, "", "", Duration.ZERO));
        }
        if (a.get(0).equals("cp") && a.get(1).equals("-p")) {
            cluster.file(cmd.host(), a.get(4), cluster.file(cmd.host(), a.get(3)).clone());
            return Optional.of(FakeCluster.ok(cmd, ""));
        }
        if (a.get(0).equals("find") && a.contains("job.*")) {
            StringBuilder dirs = new StringBuilder();
            for (String id : List.of("7/job.17", "8/job.18")) {
                dirs.append(a.get(1)).append("/hash.").append(id).append('\n');
            }
            return Optional.of(FakeCluster.ok(cmd, dirs.toString()));
        }
        if (joined.equals("squeue -h -a -t all -o %A")) {
            return Optional.of(FakeCluster.ok(cmd, "18\n"));
        }
        return Optional.empty();
    }

    private RunJournal.RunRecord run() {
        RunbookEngine engine = new RunbookEngine(access, new StoreRunJournal(store, clock), clock, "/var/backups/slurmops",
                Duration.ofMillis(5));
        return engine.start(BoundRunbook.bind(recovery, Map.of("stateDir", STATE)));
    }

    private static List<StepStatus> statuses(RunJournal.RunRecord rec) {
        return rec.steps().stream().map(RunJournal.StepRecord::status).toList();
    }

    @Test
    void theOldCopyOfExactlyTheNamedFileComesBackAndNothingElseRuns() {
        RunJournal.RunRecord rec = run();

        assertThat(rec.state()).as(rec.note()).isEqualTo(RunState.DONE);
        assertThat(statuses(rec)).containsExactly(StepStatus.OK, StepStatus.OK, StepStatus.OK, StepStatus.OK,
                StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED);
        assertThat(cluster.ran("cp", "-p")).singleElement().satisfies(c -> assertThat(c.argv())
                .containsExactly("cp", "-p", "--", STATE + "/job_state.old", STATE + "/job_state"));
        assertThat(cluster.file(FakeCluster.CONTROLLER, STATE + "/node_state")).as("a file slurmctld read stays")
                .isEqualTo(bytes("nodes v2"));
        assertThat(rec.step(3).orElseThrow().output()).contains("job_state: replaced by job_state.old", FATAL);
        assertThat(startedWith).containsExactly("");
        assertThat(rec.values()).containsEntry("jobsLost", "17");
        assertThat(rec.note()).contains("jobs lost: 17");
    }

    @Test
    void whenTheOldCopyDoesNotHelpSlurmctldStartsOnceWithMinusIAndTheOptionIsTakenBack() {
        cluster.file(FakeCluster.CONTROLLER, STATE + "/job_state.old", bytes("garbled"));
        RunJournal.RunRecord rec = run();

        assertThat(rec.state()).as(rec.note()).isEqualTo(RunState.DONE);
        assertThat(statuses(rec)).containsExactly(StepStatus.OK, StepStatus.OK, StepStatus.OK, StepStatus.ATTEMPT_FAILED,
                StepStatus.OK, StepStatus.SKIPPED, StepStatus.SKIPPED);
        assertThat(rec.step(5).orElseThrow().output()).contains("check: scontrol ping answers UP");
        assertThat(startedWith).containsExactly("", "SLURMCTLD_OPTIONS=-i");
        assertThat(managerEnv).as("no later start ignores state").isEmpty();
        assertThat(cluster.ran("systemctl")).extracting(c -> String.join(" ", c.argv())).containsSubsequence(
                "systemctl show-environment", "systemctl set-environment SLURMCTLD_OPTIONS=-i", "systemctl start slurmctld",
                "systemctl unset-environment SLURMCTLD_OPTIONS");
        assertThat(rec.step(6).orElseThrow().output()).contains("skipped");
    }

    @Test
    void aSiteOptionIsKeptAndPutBackAfterTheMinusIStart() {
        cluster.file(FakeCluster.CONTROLLER, STATE + "/job_state.old", bytes("garbled"));
        managerEnv.add("SLURMCTLD_OPTIONS=-R");
        RunJournal.RunRecord rec = run();

        assertThat(rec.state()).as(rec.note()).isEqualTo(RunState.DONE);
        assertThat(startedWith).containsExactly("SLURMCTLD_OPTIONS=-R", "SLURMCTLD_OPTIONS=-R -i");
        assertThat(managerEnv).containsExactly("SLURMCTLD_OPTIONS=-R");
    }

    @Test
    void anOldFatalLineFromBeforeTheRunDoesNotCallForMinusIAndClearingWaitsForItsGate() {
        // the job state is fine now, but slurmctld refuses for a reason of its own: nothing new asks for -i
        cluster.file(FakeCluster.CONTROLLER, STATE + "/job_state", bytes("jobs v2"));
        otherFailure = true;
        RunJournal.RunRecord rec = run();

        assertThat(rec.step(4).orElseThrow().status()).isEqualTo(StepStatus.ATTEMPT_FAILED);
        assertThat(rec.step(5).orElseThrow().status()).as(rec.note()).isEqualTo(StepStatus.SKIPPED);
        assertThat(rec.state()).isEqualTo(RunState.WAITING_GATE);
        assertThat(rec.note()).contains("before step 6 `clear-state`");
        assertThat(startedWith).containsExactly("");
        // the log of slurmctld's last start named job_state, so its .old came back; the backup keeps v2
        assertThat(cluster.file(FakeCluster.CONTROLLER, STATE + "/job_state")).isEqualTo(bytes("jobs v1"));
        assertThat(cluster.file(FakeCluster.CONTROLLER, rec.values().get("backupDir") + "/state/job_state"))
                .isEqualTo(bytes("jobs v2"));
    }

    /** The bot's process dying: nothing in the engine catches it. */
    static final class Killed extends Error {
    }

    @Test
    void aBotKilledDuringTheMinusIStartLeavesAPausedRunThatSaysToTakeTheOptionBack() {
        cluster.file(FakeCluster.CONTROLLER, STATE + "/job_state.old", bytes("garbled"));
        // the start with -i happened; the process died before it could take SLURMCTLD_OPTIONS back
        killOnUnset = true;
        org.assertj.core.api.Assertions.assertThatThrownBy(this::run).isInstanceOf(Killed.class);

        RunbookEngine restarted = new RunbookEngine(access, new StoreRunJournal(store, clock), clock, "/var/backups/slurmops",
                Duration.ofMillis(5));
        assertThat(restarted.pauseInterrupted(n -> recovery)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RunState.PAUSED);
            assertThat(r.note()).contains("step 5/7 `start-ignoring-state` was interrupted",
                    "systemctl unset-environment SLURMCTLD_OPTIONS");
        });
        assertThat(managerEnv).as("what the note warns about").containsExactly("SLURMCTLD_OPTIONS=-i");
    }
}
