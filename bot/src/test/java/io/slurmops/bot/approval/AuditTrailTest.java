package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.bot.cli.CliAccess;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit: what it records, how it is read in chat and on the CLI, and what it never holds. */
class AuditTrailTest {

    @TempDir
    Path dir;

    @Test
    void theTrailOfARequestHasWhoWhenWhereTheHashExitCodesAndDigests() throws Exception {
        try (ApprovalHarness h = new ApprovalHarness(dir, FakeCluster.withNodes(3).node("node002", "down*", "Not responding")
                .node("node003", "drained", "x"))) {
            h.cluster.hook(cmd -> cmd.host().equals("node003") && cmd.argv().contains("restart")
                    ? java.util.Optional.of(io.slurmops.commands.exec.ExecResult.exited(cmd, 1, "", "Job failed", java.time.Duration.ZERO))
                    : java.util.Optional.empty());
            h.say("alice", "!slurm restart slurmd node[001-003]");
            h.say("bob", "!slurm approve 1 go");
            List<AuditEntry> trail = h.audit(1);
            String hash = h.request(1).planHash();
            assertThat(trail).filteredOn(e -> e.kind() == AuditKind.PLANNED).singleElement()
                    .satisfies(e -> assertThat(e.planHash()).isEqualTo(hash));
            assertThat(trail).filteredOn(e -> e.kind() == AuditKind.VOTE).singleElement().satisfies(e -> {
                assertThat(e.actorId()).isEqualTo("bob");
                assertThat(e.channelId()).isEqualTo(ApprovalHarness.CHANNEL);
                assertThat(e.detail()).isEqualTo("approve via command: go");
                assertThat(e.commandLine()).isEqualTo("!slurm restart slurmd node[001-003]");
            });
            assertThat(trail).filteredOn(e -> e.kind() == AuditKind.STEP).extracting(AuditEntry::hostExits)
                    .containsExactly("node[001-002]=0 node003=1", "ctl=0");
            assertThat(trail).filteredOn(e -> e.kind() == AuditKind.FAILED).singleElement().satisfies(e -> {
                assertThat(e.outputSha256()).matches("[0-9a-f]{64}");
                assertThat(e.durationMs()).isNotNull();
            });

            String chat = h.say("carol", "!slurm audit #1").reply().toPlainText();
            assertThat(chat).contains("Audit of #1: failed").contains("sha256:" + hash).contains("VOTE")
                    .contains("exits node[001-002]=0 node003=1");
            String recent = h.say("carol", "!slurm audit 3").reply().toPlainText();
            assertThat(recent).contains("the last 3 records").contains("#1");
            assertThat(h.say("carol", "!slurm audit lots").outcome()).isEqualTo(Outcome.USAGE);

            Path config = dir.resolve("cli.yaml");
            Files.writeString(config, ApprovalHarness.yaml(dir, "15m", ""));
            h.close();
            CliAccess.Run cli = CliAccess.run("audit", "--config", config.toString(), "--request", "#1");
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out()).contains("Audit of #1").contains("STARTED").contains("node003=1");
            CliAccess.Run none = CliAccess.run("audit", "--config", config.toString(), "--request", "99");
            assertThat(none.exitCode()).isEqualTo(2);
            CliAccess.Run last = CliAccess.run("audit", "--config", config.toString(), "--limit", "2");
            assertThat(last.out()).contains("the last 2 records");
        }
    }

    @Test
    void theMungeKeyNeverAppearsInChatInTheAuditOrInTheStoredPlan() throws Exception {
        byte[] key = "TOP-SECRET-munge-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        String path = "/etc/munge/munge.key";
        FakeCluster cluster = FakeCluster.withNodes(2).file(FakeCluster.CONTROLLER, path, key)
                .file("node001", path, "stale".getBytes(StandardCharsets.UTF_8));
        try (ApprovalHarness h = new ApprovalHarness(dir, cluster)) {
            h.say("alice", "!slurm sync munge node[001-002]");
            h.say("bob", "!slurm approve 1");
            assertThat(cluster.file("node001", path)).isEqualTo(key);
            assertThat(cluster.file("node002", path)).isEqualTo(key);
            String b64 = Base64.getEncoder().encodeToString(key);
            StringBuilder everything = new StringBuilder(h.channel.text()).append(h.request(1).planText());
            h.audit(1).forEach(e -> everything.append(e));
            assertThat(everything.toString()).contains(FakeCluster.sha256(key).substring(0, 16))
                    .doesNotContain("TOP-SECRET").doesNotContain(b64).doesNotContain(b64.substring(0, 20));
            assertThat(h.channel.text()).contains("content not shown");
        }
    }
}
