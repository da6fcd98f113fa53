package io.slurmops.commands.change;

import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.plan.PlanCodec;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static io.slurmops.testing.FakeCluster.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncAndJobCommandsTest {

    private static final byte[] KEY = "0123456789-secret-munge-key-bytes\u0000\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] OLD = "old key".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void syncMungeWritesTheKeyOnlyWhereItDiffersAndNeverPutsItInThePlan() throws UsageException {
        String key = "/etc/munge/munge.key";
        FakeCluster c = FakeCluster.withNodes(3).file(CONTROLLER, key, KEY).file("node001", key, KEY)
                .file("node002", key, OLD).file("node003", key, OLD);
        ChangeFixture f = new ChangeFixture(c);
        ChangeFixture.Planned p = f.plan("!slurm sync munge node[001-003]");
        String text = PlanCodec.encode(p.plan());
        String secret = new String(KEY, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("secret-munge").doesNotContain(Base64.getEncoder().encodeToString(KEY))
                .contains(FakeCluster.sha256(KEY));
        assertThat(p.plan().toString()).doesNotContain("secret-munge");
        assertThat(c.ran("base64")).as("planning reads digests only").isEmpty();
        assertThat(p.plan().steps().get(0).hosts()).containsExactly("node002", "node003");
        assertThat(p.plan().steps().get(0).argv()).containsExactly("install", "-o", "munge", "-g", "munge", "-m", "0400",
                "/dev/stdin", key);
        assertThat(p.plan().steps()).extracting(s -> String.join(" ", s.argv()))
                .containsExactly("install -o munge -g munge -m 0400 /dev/stdin " + key, "systemctl restart munge",
                        "systemctl restart slurmd");
        assertThat(f.run(p).ok()).isTrue();
        assertThat(c.file("node002", key)).isEqualTo(KEY);
        assertThat(c.file("node003", key)).isEqualTo(KEY);
        assertThat(secret).isNotEmpty();
    }

    @Test
    void syncIsStaleWhenTheControllerFileChangedAfterApproval() throws UsageException {
        String conf = "/etc/slurm/slurm.conf";
        FakeCluster c = FakeCluster.withNodes(2).file(CONTROLLER, conf, FakeCluster.bytes("A=1\n"))
                .file("node001", conf, FakeCluster.bytes("A=0\n")).file("node002", conf, FakeCluster.bytes("A=1\n"));
        ChangeFixture f = new ChangeFixture(c);
        ChangeFixture.Planned p = f.plan("!slurm sync config node[001-002]");
        assertThat(p.plan().steps().get(0).hosts()).containsExactly("node001");
        assertThat(p.plan().steps().get(1).argv()).containsExactly("scontrol", "reconfig");
        assertThat(p.command().stillApplies(p.plan(), f.ctx)).isEmpty();
        c.file(CONTROLLER, conf, FakeCluster.bytes("A=2\n"));
        assertThat(p.command().stillApplies(p.plan(), f.ctx)).hasValueSatisfying(s -> assertThat(s).contains("changed"));
    }

    @Test
    void syncWithNothingToDoIsRefusedUnlessForced() throws UsageException {
        String conf = "/etc/slurm/slurm.conf";
        FakeCluster c = FakeCluster.withNodes(1).file(CONTROLLER, conf, FakeCluster.bytes("x"))
                .file("node001", conf, FakeCluster.bytes("x"));
        ChangeFixture f = new ChangeFixture(c);
        assertThatThrownBy(() -> f.plan("!slurm sync config node001")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("already identical");
        assertThat(f.plan("!slurm sync config node001 --force").plan().steps().get(0).hosts()).containsExactly("node001");
    }

    @Test
    void syncClockStepsEachNode() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(2));
        ChangeFixture.Planned p = f.plan("!slurm sync clock node[001-002]");
        assertThat(f.run(p).ok()).isTrue();
        assertThat(f.cluster.ran("chronyc", "makestep")).extracting(x -> x.host()).containsExactly("node001", "node002");
    }

    @Test
    void jobActionsCheckTheJobState() throws UsageException {
        ChangeFixture f = new ChangeFixture(FakeCluster.withNodes(1).job("41", "bob", "train", "PENDING", "Priority", "")
                .job("42", "bob", "held", "PENDING", "JobHeldUser", "").job("43", "carol", "run", "RUNNING", "None", "node001"));
        assertThat(f.plan("!slurm hold 41").plan().steps().get(0).argv()).containsExactly("scontrol", "hold", "41");
        assertThatThrownBy(() -> f.plan("!slurm hold 42")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("already held");
        assertThat(f.plan("!slurm release 42").plan().blastRadius().jobs()).extracting(j -> j.user()).containsExactly("bob");
        assertThatThrownBy(() -> f.plan("!slurm release 41")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("not held");
        assertThat(f.plan("!slurm requeue 43").plan().notes().get(0)).contains("killed and queued again");
        assertThatThrownBy(() -> f.plan("!slurm requeue 41")).isInstanceOf(PlanRefusedException.class);
        assertThatThrownBy(() -> f.plan("!slurm hold 99")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("not in the queue");
        assertThatThrownBy(() -> f.plan("!slurm hold 4;rm")).isInstanceOf(UsageException.class)
                .hasMessageContaining("not a job id");
    }
}
