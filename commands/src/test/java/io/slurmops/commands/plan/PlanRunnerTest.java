package io.slurmops.commands.plan;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlanRunnerTest {

    private static final Duration T = Duration.ofSeconds(5);

    private static Plan plan(Step... steps) {
        return new Plan("test", "test", List.of(steps), BlastRadius.NONE, List.of(), Map.of());
    }

    @Test
    void onlyWhereSucceededNarrowsToTheHostsThatWorkedAndFillsTheHostList() {
        FakeCluster c = FakeCluster.withNodes(4).hook(cmd -> cmd.host().equals("node002") && cmd.argv().get(0)
                .equals("systemctl") ? Optional.of(ExecResult.exited(cmd, 1, "", "failed", Duration.ZERO)) : Optional.empty());
        c.node("node001", "drained", "x").node("node002", "drained", "x").node("node003", "drained", "x");
        List<String> nodes = List.of("node001", "node002", "node003");
        Plan p = plan(Step.onEachHost(nodes, "restart", List.of("systemctl", "restart", "slurmd"), T),
                Step.onController("ctl", "resume", List.of("scontrol", "update", "NodeName=" + Step.HOSTS,
                        "State=RESUME"), T).about(nodes).onlyWhereSucceeded(1));
        List<StepResult> seen = new ArrayList<>();
        PlanResult r = PlanRunner.sequential(c).run(p, seen::add);

        assertThat(seen).hasSize(2);
        assertThat(r.ok()).isFalse();
        assertThat(r.step(1).succeededHosts()).containsExactly("node001", "node003");
        assertThat(r.step(2).hosts()).containsExactly("node001", "node003");
        assertThat(c.ran("scontrol", "update")).singleElement()
                .satisfies(cmd -> assertThat(cmd.argv()).contains("NodeName=node[001,003]"));
        assertThat(c.node("node002").state()).isEqualTo("drained");
        assertThat(c.node("node003").state()).isEqualTo("idle");
    }

    @Test
    void aStepWithoutConditionIsBlockedByAnyEarlierFailure() {
        FakeCluster c = FakeCluster.withNodes(2);
        Plan p = plan(Step.onEachHost(List.of("node001"), "fails", List.of("no-such-program"), T),
                Step.onController("ctl", "never", List.of("scontrol", "reconfig"), T));
        PlanResult r = PlanRunner.sequential(c).run(p, s -> { });
        assertThat(r.ok()).isFalse();
        assertThat(r.step(2).ran()).isFalse();
        assertThat(r.step(2).blocked()).isTrue();
        assertThat(r.step(2).notRun()).contains("step 1 failed");
        assertThat(c.ran("scontrol")).isEmpty();
    }

    @Test
    void stdinIsReadAtRunTimeAndRefusedWhenItsDigestChanged() {
        byte[] key = {0, 1, 2, (byte) 0xff, 10, 13};
        FakeCluster c = FakeCluster.withNodes(2).file("ctl", "/k", key);
        Step write = Step.onEachHost(List.of("node001", "node002"), "write", List.of("install", "/dev/stdin", "/k"), T)
                .withStdin(new FileRef("ctl", "/k", FakeCluster.sha256(key)));
        PlanResult ok = PlanRunner.sequential(c).run(plan(write), s -> { });
        assertThat(ok.ok()).isTrue();
        assertThat(c.file("node001", "/k")).isEqualTo(key);
        assertThat(c.file("node002", "/k")).isEqualTo(key);

        c.file("ctl", "/k", new byte[]{9});
        c.file("node001", "/k", new byte[]{7});
        PlanResult changed = PlanRunner.sequential(c).run(plan(write), s -> { });
        assertThat(changed.ok()).isFalse();
        assertThat(changed.step(1).results()).allSatisfy(res -> assertThat(res.detail()).contains("changed since the plan"));
        assertThat(c.file("node001", "/k")).containsExactly(7);
    }

    @Test
    void aControllerStepWithoutHostsRunsIfItsDependencySucceededAnywhere() {
        FakeCluster c = FakeCluster.withNodes(2).hook(cmd -> cmd.host().equals("node001")
                ? Optional.of(FakeCluster.unreachable(cmd)) : Optional.empty());
        Plan p = plan(Step.onEachHost(List.of("node001", "node002"), "touch", List.of("true"), T),
                Step.onController("ctl", "reconfig", List.of("scontrol", "reconfig"), T).onlyWhereSucceeded(1));
        PlanResult r = PlanRunner.sequential(c).run(p, s -> { });
        assertThat(r.step(2).ran()).isTrue();
        assertThat(c.ran("scontrol", "reconfig")).hasSize(1);
    }
}
