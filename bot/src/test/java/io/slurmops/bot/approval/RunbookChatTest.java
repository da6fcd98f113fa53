package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.alerts.AlertPoster;
import io.slurmops.bot.alerts.AlertService;
import io.slurmops.bot.alerts.InMemoryAlertStore;
import io.slurmops.bot.alerts.IncidentTracker;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.alerts.HealthProbe;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.StepStatus;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runbooks from chat through the real pipeline (console people, H2 store, approvals) over the fake
 * cluster: run → approve → steps in the thread → done; gates as votes; resume; abort; a restart that
 * pauses a started step; alerts held while a run works on purpose.
 */
class RunbookChatTest {

    /** A crash of the bot mid-step: nothing catches an Error, as nothing survives a kill. */
    static final class Killed extends Error {
    }

    @TempDir
    Path dir;
    ApprovalHarness h;
    final FakeCluster cluster = FakeCluster.withNodes(4);

    @BeforeEach
    void start() throws Exception {
        Path site = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(site.resolve("two-restarts.yaml"), """
                name: two-restarts
                title: Restart slurmd on node001, then node002
                risk: change
                steps:
                  - id: restart-one
                    restart: slurmd
                    on: node001
                    rollback: none
                  - id: restart-two
                    restart: slurmd
                    on: node002
                    rollback: restart it by hand
                verify:
                  - controller-up
                """);
        Files.writeString(site.resolve("gated.yaml"), """
                name: gated
                risk: change
                steps:
                  - id: restart-one
                    restart: slurmd
                    on: node001
                    rollback: none
                  - id: restart-two
                    restart: slurmd
                    on: node002
                    rollback: none
                gates:
                  - {before: restart-two, approvals: 1, reason: node002 runs the long jobs}
                verify:
                  - controller-up
                """);
        Files.writeString(site.resolve("quiet-node.yaml"), """
                name: quiet-node
                risk: change
                steps:
                  - id: stop-node003
                    stop: slurmd
                    on: node003
                    rollback: start slurmd on node003
                  - id: restart-node004
                    restart: slurmd
                    on: node004
                    rollback: none
                verify:
                  - controller-up
                """);
        Files.writeString(site.resolve("broken.yaml"), """
                name: broken
                risk: change
                steps:
                  - id: nothing
                    explode: now
                verify: [controller-up]
                """);
        Files.writeString(site.resolve("cluster-restart.yaml"), """
                name: cluster-restart
                risk: change
                steps:
                  - id: one
                    restart: slurmd
                    on: node001
                verify: [controller-up]
                """);
        // slurmctld marks a node down once its slurmd is gone
        cluster.hook(cmd -> {
            if (cmd.argv().equals(List.of("systemctl", "stop", "slurmd"))) {
                cluster.node(cmd.host(), "down", "Not responding");
            }
            return Optional.empty();
        });
        h = new ApprovalHarness(dir, cluster, "runbooks:\n  siteDir: " + site + "\n");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aRunIsPlannedApprovedRunInTheBackgroundAndReportedInTheThread() throws Exception {
        CountDownLatch stepRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        cluster.hook(cmd -> {
            if (cmd.host().equals("node002") && cmd.argv().contains("restart")) {
                stepRunning.countDown();
                await(release);
            }
            return Optional.empty();
        });
        BotResponse asked = h.say("alice", "!slurm runbook run two-restarts");
        assertThat(asked.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(asked.reply().toPlainText()).contains("#1 needs 1 approval: runbook two-restarts",
                "Step 2/2 restart-two", "rollback: restart it by hand", "Plan hash");
        assertThat(cluster.ran("systemctl", "restart")).isEmpty();

        BotResponse approved = h.say("bob", "!slurm approve 1");
        assertThat(approved.reply().toPlainText()).contains("#1 approved; it starts now");
        // the vote returned while step 2 still runs: the run is on the runbook thread, not the chat thread
        assertThat(stepRunning.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run(1).state()).isEqualTo(RunState.RUNNING);
        release.countDown();

        RunJournal.RunRecord done = awaitRun(1, r -> r.state() == RunState.DONE);
        assertThat(done.steps()).extracting(RunJournal.StepRecord::status).containsExactly(StepStatus.OK, StepStatus.OK);
        String planId = h.channel.lastVoteMessage();
        awaitPost(p -> planId.equals(p.thread()) && p.text().contains("Run 1 (two-restarts) done"));
        List<String> thread = h.channel.posts().stream().filter(p -> planId.equals(p.thread())).map(Transcript.Post::text).toList();
        assertThat(String.join("\n", thread)).contains("run 1 started (#1)", "Step 1/2 `restart-one` started",
                "Step 1/2 `restart-one` ok", "Step 2/2 `restart-two` ok", "Run 1 (two-restarts) done");
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        List<String> steps = h.audit(1).stream().filter(e -> e.kind() == AuditKind.STEP).map(AuditEntry::detail).toList();
        assertThat(steps).anyMatch(d -> d.contains("run 1 step 2/2 `restart-two` started") && d.contains("approved by bob"));
        assertThat(steps).anyMatch(d -> d.contains("run 1 step 2/2 `restart-two` ok"));
        assertThat(h.say("carol", "!slurm runbook status 1").reply().toPlainText())
                .contains("run 1 · two-restarts · done", "step 2/2 restart-two: ok");
    }

    @Test
    void aGateIsAVoteInTheRunsThreadTheRequesterCannotPassAndItIsBoundToItsRun() {
        h.say("alice", "!slurm runbook run gated");
        h.say("bob", "!slurm approve 1");
        awaitRun(1, r -> r.state() == RunState.WAITING_GATE);
        String planId = h.channel.lastVoteMessage();
        Transcript.Post gate = awaitPost(p -> planId.equals(p.thread()) && p.text().contains("#2 needs 1 approval"));
        assertThat(gate.text()).contains("gate before step 2 `restart-two` of run 1", "node002 runs the long jobs");

        BotResponse self = h.say("alice", "!slurm approve 2");
        assertThat(self.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(self.reply().toPlainText()).contains("alice requested #2 and cannot approve it");
        assertThat(restarts("node002")).isZero();

        h.react("dave", gate.id(), "✅");                  // a reaction on the gate's message is a vote too
        RunJournal.RunRecord done = awaitRun(1, r -> r.state() == RunState.DONE);
        assertThat(done.steps()).hasSize(2);
        assertThat(restarts("node002")).isEqualTo(1);

        // a second run waits at its own gate (#4); aborted, its gate's approval passes nothing
        h.say("alice", "!slurm runbook run gated");
        h.say("bob", "!slurm approve 3");
        awaitRun(2, r -> r.state() == RunState.WAITING_GATE);
        awaitPost(p -> p.text().contains("#4 needs 1 approval: gate before step 2 `restart-two` of run 2"));
        assertThat(h.say("alice", "!slurm runbook abort 2").outcome()).isEqualTo(Outcome.DONE);
        BotResponse late = h.say("bob", "!slurm approve 4");
        assertThat(late.reply().toPlainText()).contains("not run", "run 2", "aborted", "nothing passed");
        assertThat(run(2).state()).isEqualTo(RunState.ABORTED);
        assertThat(restarts("node002")).isEqualTo(1);
    }

    @Test
    void aDeniedGateLeavesTheRunWaitingAndResumeAsksAgain() {
        h.say("alice", "!slurm runbook run gated");
        h.say("bob", "!slurm approve 1");
        awaitRun(1, r -> r.state() == RunState.WAITING_GATE);
        awaitPost(p -> p.text().contains("#2 needs 1 approval: gate before step 2"));
        h.say("dave", "!slurm deny 2 not now");
        awaitPost(p -> p.text().contains("Gate #2 denied: run 1 stays stopped before that step"));
        assertThat(run(1).state()).isEqualTo(RunState.WAITING_GATE);
        assertThat(restarts("node002")).isZero();

        assertThat(h.say("alice", "!slurm runbook resume 1").outcome()).isEqualTo(Outcome.PENDING);
        awaitPost(p -> p.text().contains("#3 needs 1 approval: gate before step 2 `restart-two` of run 1"));
        h.say("bob", "!slurm approve 3");
        awaitRun(1, r -> r.state() == RunState.DONE);
        assertThat(restarts("node002")).isEqualTo(1);
    }

    @Test
    void aFailingStepIsReportedAndResumeAfterApprovalCompletesTheRun() {
        AtomicBoolean broken = new AtomicBoolean(true);
        cluster.hook(cmd -> broken.get() && cmd.host().equals("node002") && cmd.argv().contains("restart")
                ? Optional.of(io.slurmops.commands.exec.ExecResult.exited(cmd, 1, "", "Job for slurmd.service failed",
                Duration.ZERO)) : Optional.empty());
        h.say("alice", "!slurm runbook run two-restarts");
        h.say("bob", "!slurm approve 1");
        RunJournal.RunRecord failed = awaitRun(1, r -> r.state() == RunState.FAILED);
        assertThat(failed.note()).contains("stopped at step 2/2 `restart-two`", "next:");
        awaitPost(p -> p.text().contains("Run 1 (two-restarts) failed") && p.text().contains("Job for slurmd.service failed"));

        broken.set(false);
        BotResponse resume = h.say("alice", "!slurm runbook resume 1 --rerun");
        assertThat(resume.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(resume.reply().toPlainText()).contains("#2 needs 1 approval: resume runbook run 1 (two-restarts)");
        assertThat(h.say("alice", "!slurm approve 2").outcome()).isEqualTo(Outcome.REFUSED);
        h.say("bob", "!slurm approve 2");
        RunJournal.RunRecord done = awaitRun(1, r -> r.state() == RunState.DONE);
        assertThat(done.step(2).orElseThrow().status()).isEqualTo(StepStatus.OK);
    }

    @Test
    void abortNeedsTheOperatorRoleButNoVoteAndIsAudited() {
        cluster.hook(cmd -> cmd.host().equals("node002") && cmd.argv().contains("restart")
                ? Optional.of(io.slurmops.commands.exec.ExecResult.exited(cmd, 1, "", "failed", Duration.ZERO))
                : Optional.empty());
        h.say("alice", "!slurm runbook run two-restarts");
        h.say("bob", "!slurm approve 1");
        awaitRun(1, r -> r.state() == RunState.FAILED);
        assertThat(h.say("carol", "!slurm runbook abort 1").outcome()).isEqualTo(Outcome.REFUSED);
        BotResponse abort = h.say("dave", "!slurm runbook abort 1");
        assertThat(abort.outcome()).isEqualTo(Outcome.DONE);
        assertThat(run(1).state()).isEqualTo(RunState.ABORTED);
        assertThat(h.audit(1)).anyMatch(e -> e.detail().contains("aborted by dave"));
        assertThat(h.say("dave", "!slurm runbook abort 1").outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void abortWhileAStepRunsStopsTheRunAfterThatStep() throws Exception {
        CountDownLatch stepRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        cluster.hook(cmd -> {
            if (cmd.host().equals("node001") && cmd.argv().contains("restart")) {
                stepRunning.countDown();
                await(release);
            }
            return Optional.empty();
        });
        h.say("alice", "!slurm runbook run two-restarts");
        h.say("bob", "!slurm approve 1");
        assertThat(stepRunning.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(h.say("alice", "!slurm runbook abort 1").outcome()).isEqualTo(Outcome.DONE);
        release.countDown();
        awaitRun(1, r -> r.step(1).map(s -> s.status() != StepStatus.STARTED).orElse(false));
        Thread.sleep(200);
        assertThat(run(1).state()).isEqualTo(RunState.ABORTED);
        assertThat(run(1).steps()).hasSize(1);
        assertThat(restarts("node002")).isZero();
    }

    @Test
    void aRestartPausesTheStartedStepAndAnnouncesItInTheRunsThread() throws Exception {
        // the bot dies inside step 1 (while it lists the nodes it is about to set down)
        cluster.hook(cmd -> {
            if (cmd.argv().get(0).equals("sinfo")) {
                throw new Killed();
            }
            return Optional.empty();
        });
        h.say("alice", "!slurm runbook run quiet-node");
        h.say("bob", "!slurm approve 1");
        awaitRun(1, r -> r.step(1).map(s -> s.status() == StepStatus.STARTED).orElse(false));
        String planId = h.channel.lastVoteMessage();
        Thread.sleep(200);                                  // the runbook thread is dead; nothing ends the step

        h.restart();
        assertThat(run(1).state()).isEqualTo(RunState.PAUSED);
        assertThat(run(1).step(1).orElseThrow().status()).isEqualTo(StepStatus.STARTED);
        assertThat(cluster.ran("systemctl", "stop")).isEmpty();
        // the new process does not know the channel until it speaks; then the news is posted in the run's thread
        assertThat(h.channel.posts()).isEmpty();
        h.say("carol", "!slurm runbook status");
        Transcript.Post paused = awaitPost(p -> p.text().contains("Run 1 (quiet-node) paused"));
        assertThat(paused.thread()).isEqualTo(planId);
        assertThat(paused.text()).contains("step 1/2 `stop-node003` was interrupted", "next: check");
        assertThat(h.say("carol", "!slurm runbook status").reply().toPlainText()).contains("run 1 quiet-node — paused");
    }

    @Test
    void anApprovalWhoseProcessDiedBeforeTheRunStartedRunsOnceAfterARestart() throws Exception {
        h.say("alice", "!slurm runbook run two-restarts");
        java.time.Instant now = h.clock.instant();
        // bob's approval was recorded, then his process died before claiming it
        h.app.approvals().store().transaction(tx -> tx.decide(1, RequestState.PENDING, RequestState.APPROVED, now,
                "approved (1/1)", true));
        h.clock.advance(Duration.ofMinutes(1));
        h.restart();
        RunJournal.RunRecord done = awaitRun(1, r -> r.state() == RunState.DONE);
        assertThat(done.steps()).hasSize(2);
        assertThat(restarts("node001")).isEqualTo(1);
        assertThat(h.request(1).state()).isEqualTo(RequestState.SUCCEEDED);
        h.restart();
        assertThat(restarts("node001")).isEqualTo(1);
        assertThat(h.app.runbooks().journal().run(2)).isEmpty();
    }

    @Test
    void alertsCausedByARunAreHeldWhileItRunsAndPostedWhenItEnds() throws Exception {
        CountDownLatch stepRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        cluster.hook(cmd -> {
            if (cmd.host().equals("node004") && cmd.argv().contains("restart")) {
                stepRunning.countDown();
                await(release);
            }
            return Optional.empty();
        });
        Transcript alertsChannel = new Transcript("alerts");
        InMemoryAlertStore alerts = new InMemoryAlertStore();
        NodeDown probe = new NodeDown();
        AlertService service = new AlertService(List.of(probe), new IncidentTracker(alerts, 2, Duration.ofMinutes(10)),
                alerts, new AlertPoster(alertsChannel, "console", "alerts", KnowledgeBase.builtIn(), "!slurm", "test"),
                () -> null, h.clock);
        service.holdPlannedWork(h.app.runbooks()::plannedWork);

        h.say("alice", "!slurm runbook run quiet-node");
        h.say("bob", "!slurm approve 1");
        assertThat(stepRunning.await(10, TimeUnit.SECONDS)).isTrue();
        probe.down = "node003";                             // the slurmd the run stopped
        service.poll(probe);
        assertThat(alertsChannel.posts()).isEmpty();

        release.countDown();
        awaitRun(1, r -> r.state() == RunState.DONE);
        service.poll(probe);                                // node003 is still down after the run: it alerts now
        assertThat(alertsChannel.text()).contains("node003");
        service.close();
    }

    @Test
    void listShowsBuiltInSiteAndRefusedRunbooksAndShowPreviewsOne() {
        String list = h.say("carol", "!slurm runbook list").reply().toPlainText();
        assertThat(list).contains("ctld-state-recovery", "built-in", "two-restarts", "site: ", "2 refused");
        assertThat(list).contains("broken.yaml:", "cluster-restart.yaml:", "duplicate-name");
        String show = h.say("carol", "!slurm runbook show gated").reply().toPlainText();
        assertThat(show).contains("Step 2/2 restart-two", "gate: 1 more approval — node002 runs the long jobs");
        assertThat(h.say("carol", "!slurm runbook show nope").reply().toPlainText()).contains("no runbook `nope`");
    }

    @Test
    void aDestructiveRunbookNeedsAnAdminTwoApprovalsAndReadsTheStateDirFromSlurm() {
        cluster.hook(cmd -> cmd.argv().equals(List.of("scontrol", "show", "config"))
                ? Optional.of(FakeCluster.ok(cmd, "StateSaveLocation       = /var/spool/slurmctld\n")) : Optional.empty());
        BotResponse operator = h.say("alice", "!slurm runbook run ctld-state-recovery");
        assertThat(operator.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(operator.reply().toPlainText()).contains("admin");
        BotResponse admin = h.say("erin", "!slurm runbook run ctld-state-recovery");
        assertThat(admin.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(admin.reply().toPlainText()).contains("needs 2 approvals", "stateDir = /var/spool/slurmctld");
        assertThat(h.say("erin", "!slurm runbook run ctld-state-recovery stateDir=relative").reply().toPlainText())
                .contains("must be an absolute path");
        assertThat(h.say("erin", "!slurm runbook run ctld-state-recovery foo").outcome()).isEqualTo(Outcome.USAGE);
    }

    /** A nodes check that reports one node down when told to. */
    static final class NodeDown implements HealthProbe {
        volatile String down;

        @Override
        public String name() {
            return "nodes";
        }

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public List<Observation> observe(CommandContext context) {
            List<Observation> out = new ArrayList<>();
            if (down != null) {
                out.add(Observation.of("nodes", down, Status.CRITICAL, down + " is down*: Not responding",
                        "node-not-responding", ""));
            }
            return out;
        }
    }

    private long restarts(String host) {
        return cluster.ran("systemctl", "restart").stream().map(HostCommand::host).filter(host::equals).count();
    }

    private RunJournal.RunRecord run(long id) {
        return h.app.runbooks().journal().run(id).orElseThrow();
    }

    private RunJournal.RunRecord awaitRun(long id, Predicate<RunJournal.RunRecord> done) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            Optional<RunJournal.RunRecord> r = h.app.runbooks().journal().run(id);
            if (r.isPresent() && done.test(r.get())) {
                return r.get();
            }
            sleep();
        }
        throw new AssertionError("run " + id + " did not get there: " + h.app.runbooks().journal().run(id)
                + "\nposts: " + h.channel.text());
    }

    private Transcript.Post awaitPost(Predicate<Transcript.Post> p) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            Optional<Transcript.Post> found = h.channel.posts().stream().filter(p).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep();
        }
        throw new AssertionError("no such post in: " + h.channel.text());
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
