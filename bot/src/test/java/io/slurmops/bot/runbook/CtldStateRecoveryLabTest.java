package io.slurmops.bot.runbook;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StoreRunJournal;
import io.slurmops.adapters.transport.LocalTransport;
import io.slurmops.adapters.transport.RoutingTransport;
import io.slurmops.adapters.transport.SshSettings;
import io.slurmops.adapters.transport.SshTransport;
import io.slurmops.bot.config.AlertConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.config.SshConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.reply.Reply;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 items 3 and 6 on the lab: a state file garbled with slurmctld stopped makes slurmctld
 * refuse to start; the health watch names the file from slurmctld's own log line and offers the
 * ctld-state-recovery runbook; the runbook, run by the engine on the real cluster, brings it back
 * in the least destructive way and lists the jobs lost. Every test puts the state dir back.
 */
@LabTest
class CtldStateRecoveryLabTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private Path tmp;
    private LabStateDir saved;
    private SlurmopsConfig config;
    private ClusterAccess access;
    private final Runbook recovery = RunbookLoader.load(null).runbooks().get("ctld-state-recovery");

    @BeforeEach
    void setUp() throws Exception {
        tmp = Files.createTempDirectory("ctld-lab-");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        saved = LabStateDir.keepCopy(tmp);
        config = new ConfigLoader(Map.of("SLURMOPS_STATE", tmp.toString())).load(LabCluster.repoRoot().resolve("config/lab.yaml"));
        access = new ClusterAccess(config.site(), transport(config));
    }

    @AfterEach
    void putTheLabBack() throws Exception {
        try {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
            access.close();
            access.transport().close();
        } finally {
            saved.putBack();
            LabStateDir.sh("rm", "-rf", "--", tmp.toString());
        }
    }

    @Test
    void aGarbledJobStateIsAlertedByNameAndRecoveredWithMinusIListingTheLostJob() throws Exception {
        String job = runningJob();
        // job_state and its .old both garbled: the .old attempt cannot help, slurmctld asks for -i
        Alert alert = breakWhileWatched("job_state", () -> {
            LabStateDir.ctl("stop");
            LabStateDir.garble("job_state", "job_state.old");
            assertThat(LabStateDir.ctl("start").exitCode()).as("slurmctld refuses to start").isNotZero();
        });
        long broken = alert.broken();
        long detected = alert.detected();
        assertThat(alert.text()).contains("cannot read its state file job_state", "Incomplete job state save file",
                "`!slurm runbook run ctld-state-recovery`");

        long started = System.nanoTime();      // after the watch is closed: its shutdown is the test's, not the RTO's
        RunJournal.RunRecord rec = engine(store()).start(plan());
        assertThat(rec.state()).as(rec.note() + "\n" + rec.steps()).isEqualTo(RunState.DONE);
        long healthy = awaitHealthy();

        assertThat(statuses(rec)).containsExactly(StepStatus.OK, StepStatus.OK, StepStatus.OK, StepStatus.ATTEMPT_FAILED,
                StepStatus.OK, StepStatus.SKIPPED, StepStatus.SKIPPED);
        assertThat(rec.step(3).orElseThrow().output()).contains("job_state: replaced by job_state.old");
        assertThat(rec.step(5).orElseThrow().output()).contains("check: scontrol ping answers UP");
        assertBackupVerified(rec);
        // every batch job the backup's state held that slurmctld forgot (also ended ones it still kept for MinJobAge)
        assertThat(rec.values().get("jobsLost").split(",")).contains(job);
        assertThat(rec.note()).contains("jobs lost: ").contains(job);
        assertThat(LabStateDir.sh("squeue", "-h", "-a", "-t", "all", "-o", "%A")).doesNotContain(job);
        assertThat(LabCluster.exec(List.of(LabStateDir.SYSTEMCTL, "show-environment"), 30).output())
                .as("no later start ignores state").doesNotContain("SLURMCTLD_OPTIONS");
        report("-i path (job_state and .old garbled)", broken, detected, started, healthy);
        steps(rec);
    }

    @Test
    void aGarbledJobStateWithAGoodOldCopyComesBackWithItsJobs() throws Exception {
        String job = runningJob();
        Thread.sleep(6000);                       // let slurmctld save the job state again, so .old holds the job too
        Alert alert = breakWhileWatched("job_state", () -> {
            LabStateDir.ctl("stop");
            LabStateDir.garble("job_state");
            assertThat(LabStateDir.ctl("start").exitCode()).isNotZero();
        });
        long broken = alert.broken();
        long detected = alert.detected();

        long started = System.nanoTime();      // after the watch is closed: its shutdown is the test's, not the RTO's
        RunJournal.RunRecord rec = engine(store()).start(plan());
        assertThat(rec.state()).as(rec.note() + "\n" + rec.steps()).isEqualTo(RunState.DONE);
        long healthy = awaitHealthy();

        assertThat(statuses(rec)).containsExactly(StepStatus.OK, StepStatus.OK, StepStatus.OK, StepStatus.OK,
                StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED);
        assertBackupVerified(rec);
        assertThat(rec.values().get("jobsLost").split(",")).doesNotContain(job);
        assertThat(LabStateDir.sh("squeue", "-h", "-j", job, "-o", "%T")).contains("RUNNING");
        report(".old path (job_state garbled)", broken, detected, started, healthy);
        steps(rec);
    }

    // ---- the alert path ----------------------------------------------------------------------------

    interface Breaker {
        void run() throws Exception;
    }

    /** The alert that named the file, and when (System.nanoTime) slurmctld refused to start and the alert came. */
    record Alert(String text, long broken, long detected) {
    }

    /**
     * The health watch as the bot runs it (fresh store, 2 s intervals) is started first; then the
     * lab is broken; returns the first alert that names the file.
     */
    private Alert breakWhileWatched(String file, Breaker breaker) throws Exception {
        SlurmopsConfig base = config;
        AlertConfig a = base.alerts();
        AlertConfig fast = new AlertConfig(true, Duration.ofSeconds(2), Duration.ofSeconds(2), 2, a.flapWindow(), false,
                tmp.resolve("triggers").toString(), a.slurmUser());
        SlurmopsConfig withAlerts = new SlurmopsConfig(base.source(), base.prefix(), base.site(), base.ssh(), base.store(),
                base.access(), base.approvals(), base.console(), fast, base.accountingDb(), base.runbooks(), base.backups());
        List<String> posts = new CopyOnWriteArrayList<>();
        try (Application app = Application.startLongRunning(withAlerts)) {
            app.startAlerts("console", "alerts", new ChatChannel() {
                @Override
                public String post(Reply reply) {
                    posts.add(reply.toPlainText());
                    return Integer.toString(posts.size());
                }
            });
            Thread.sleep(3000);                   // the watch has polled the healthy cluster
            breaker.run();
            long broken = System.nanoTime();
            long end = broken + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                Optional<String> hit = posts.stream().filter(p -> p.contains("state file " + file)).findFirst();
                if (hit.isPresent()) {
                    return new Alert(hit.get(), broken, System.nanoTime());
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no alert named " + file + " within 60 s; posts: " + posts);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private BoundRunbook plan() {
        return BoundRunbook.bind(recovery, Map.of("stateDir", LabStateDir.STATE));
    }

    private SlurmopsStore store() {
        SlurmopsStore s = SlurmopsStore.open("jdbc:h2:file:" + tmp.resolve("runs/store"), "", "");
        open.add(s);
        return s;
    }

    private RunbookEngine engine(SlurmopsStore store) {
        return new RunbookEngine(access, new StoreRunJournal(store, Clock.systemUTC()), Clock.systemUTC(),
                config.backups().dir(), Duration.ofSeconds(1));
    }

    static Transport transport(SlurmopsConfig config) {
        SshConfig s = config.ssh();
        SshSettings settings = SshSettings.builder(s.user(), Path.of(s.privateKey()), Path.of(s.knownHosts()))
                .port(s.port()).connectTimeout(s.connectTimeout()).defaultCommandTimeout(config.site().nodeTimeout())
                .build();
        return new RoutingTransport(new LocalTransport(), new SshTransport(settings));
    }

    /** A sleep job, submitted from (and writing into) the test's temporary directory, running per sacct too. */
    private String runningJob() throws Exception {
        String id = LabStateDir.sh("sbatch", "--parsable", "-D", tmp.toString(), "-o", tmp.resolve("job-%j.out").toString(),
                "-J", "ctld-lab", "--wrap", "sleep 600").strip();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (LabCluster.exec(List.of("sacct", "-n", "-X", "-j", id, "-o", "State"), 30).output().contains("RUNNING")) {
                return id;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("job " + id + " never showed RUNNING in sacct");
    }

    /** Waits until scontrol ping says UP and every node is idle or allocated (the test's job); returns when. */
    static long awaitHealthy() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            String states = LabCluster.exec(List.of("sinfo", "-h", "-N", "-o", "%T"), 30).output();
            if (LabStateDir.controllerUp() && !states.isBlank()
                    && states.lines().allMatch(l -> l.equals("idle") || l.equals("allocated") || l.equals("mixed"))) {
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the cluster is not healthy after 90 s: " + LabCluster.exec(List.of("sinfo", "-N"), 30).output());
    }

    static void assertBackupVerified(RunJournal.RunRecord rec) {
        assertBackupVerified(rec, 2);
    }

    /** The run's backup is on disk and its copy step's check matched the source's manifest. */
    static void assertBackupVerified(RunJournal.RunRecord rec, int copyStep) {
        String backup = rec.values().get("backupDir");
        assertThat(backup).isNotBlank();
        assertThat(Path.of(backup, "state", "job_state")).exists();
        assertThat(rec.step(copyStep).orElseThrow().output()).contains("match the source's SHA-256 manifest");
        assertThat(rec.values()).containsKey("manifest:" + backup + "/state");
    }

    static List<StepStatus> statuses(RunJournal.RunRecord rec) {
        return rec.steps().stream().map(RunJournal.StepRecord::status).toList();
    }

    /** RTO = detection (failed start → alert) + recovery (runbook run → healthy); people's approvals are not counted. */
    static void report(String what, long broken, long detected, long started, long healthy) {
        System.out.printf("RTO %s: detected %.1f s after the failed start, healthy %.1f s after the run started, %.1f s in all%n",
                what, (detected - broken) / 1e9, (healthy - started) / 1e9, (detected - broken + healthy - started) / 1e9);
    }

    static void steps(RunJournal.RunRecord rec) {
        rec.steps().forEach(st -> System.out.printf("  step %d %s %s %s%n", st.index(), st.stepId(), st.status(),
                st.elapsed().map(d -> d.toMillis() + " ms").orElse("?")));
    }
}
