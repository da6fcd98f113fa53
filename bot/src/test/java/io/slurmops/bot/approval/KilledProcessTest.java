package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real JVM is killed (SIGKILL) between two steps of an approved plan. The next process finds
 * the request RUNNING with a dead runner, marks it interrupted, reports it, and never re-runs it;
 * the audit rows written before the kill survived it.
 */
class KilledProcessTest {

    @TempDir
    Path dir;

    @Test
    void anExecutionKilledBetweenStepsIsReportedOnRestartAndNeverRerun() throws Exception {
        FakeCluster parentCluster = FakeCluster.withNodes(2).node("node001", "drained", "slurmd hung");
        ApprovalHarness h = new ApprovalHarness(dir, parentCluster);
        try {
            h.say("alice", "!slurm restart slurmd node001");
            assertThat(h.request(1).state()).isEqualTo(RequestState.PENDING);
            h.app.close(); // the child opens the store file itself, so the kill hits the process writing it

            Path marker = dir.resolve("step2.marker");
            Path log = dir.resolve("child.log");
            List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ChildApprover.class.getName(), dir.toString(),
                    marker.toString(), h.clock.instant().plusSeconds(5).toString()));
            Process child = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.exists(marker) && child.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(marker).as("child log:\n" + (Files.exists(log) ? Files.readString(log) : "")).exists();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).doesNotContain("child finished");

            h.app = h.start("15m");
            h.clock.advance(java.time.Duration.ofSeconds(1));
            assertThat(h.request(1).state()).isEqualTo(RequestState.INTERRUPTED);
            List<AuditEntry> trail = h.audit(1);
            assertThat(trail).extracting(AuditEntry::kind).containsExactly(AuditKind.REQUESTED, AuditKind.PLANNED,
                    AuditKind.VOTE, AuditKind.APPROVED, AuditKind.STARTED, AuditKind.STEP, AuditKind.INTERRUPTED);
            assertThat(trail.get(5).detail()).startsWith("step 1: Restart slurmd");
            assertThat(trail.get(5).hostExits()).isEqualTo("node001=0");

            h.app.bot().attach("console", ApprovalHarness.CHANNEL, h.channel);
            assertThat(h.channel.text()).contains("#1 was interrupted and will not be re-run")
                    .contains("!slurm audit #1");
            h.app.approvals().sweep();
            assertThat(h.say("dave", "!slurm approve 1").reply().title()).contains("already interrupted");
            assertThat(parentCluster.ran()).as("nothing re-ran in the new process").noneMatch(c ->
                    c.argv().contains("restart") || c.argv().contains("update"));
        } finally {
            h.close();
        }
    }
}
