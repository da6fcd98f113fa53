package io.slurmops.commands.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCodecTest {

    private static final String SHA = "a".repeat(64);

    static Plan tricky() {
        Step write = Step.onEachHost(List.of("node001", "node002"), "Write\tthe key",
                List.of("install", "-m", "0400", "/dev/stdin", "/etc/munge/munge.key"), Duration.ofSeconds(30))
                .withStdin(new FileRef("ctl", "/etc/munge/munge.key", SHA));
        Step resume = Step.onController("ctl", "Resume", List.of("scontrol", "update", "NodeName=" + Step.HOSTS,
                "Reason=a\\b\nc d\té [alice #1]"), Duration.ofMillis(1500)).about(List.of("node001", "node002"))
                .onlyWhereSucceeded(1);
        return new Plan("sync munge", "Sync: ünïcode\nline", List.of(write, resume),
                new BlastRadius(List.of(new NodeImpact("node001", "drained", "x|y")),
                        List.of(new JobImpact("12", "bob", "a|b job", "RUNNING"))),
                List.of("note\\with\\backslashes"), Map.of("force", "true", "k\t", "v\n"));
    }

    @Test
    void encodeDecodeRoundTripsEveryFieldExactly() {
        Plan plan = tricky();
        Plan back = PlanCodec.decode(PlanCodec.encode(plan));
        assertThat(back).isEqualTo(plan);
        assertThat(back.hash()).isEqualTo(plan.hash());
        assertThat(PlanCodec.encode(back)).isEqualTo(PlanCodec.encode(plan));
    }

    @Test
    void hashCoversStepsOnlyAndEveryCharacterOfThem() {
        Plan plan = tricky();
        Plan otherNotes = new Plan(plan.command(), "other summary", plan.steps(), BlastRadius.NONE, List.of(), Map.of());
        assertThat(otherNotes.hash()).isEqualTo(plan.hash());

        Step s = plan.steps().get(1);
        Step changed = new Step(s.description(), s.via(), s.hosts(), List.of("scontrol", "update",
                "NodeName=" + Step.HOSTS, "Reason=a\\b\nc d\té [alice #2]"), s.timeout(), s.onlyWhereSucceeded(), s.stdin());
        Plan otherArgv = new Plan(plan.command(), plan.summary(), List.of(plan.steps().get(0), changed),
                plan.blastRadius(), plan.notes(), plan.facts());
        assertThat(otherArgv.hash()).isNotEqualTo(plan.hash());

        Plan otherTimeout = new Plan(plan.command(), plan.summary(), List.of(plan.steps().get(0),
                new Step(s.description(), s.via(), s.hosts(), s.argv(), Duration.ofMillis(1501), s.onlyWhereSucceeded(),
                        s.stdin())), plan.blastRadius(), plan.notes(), plan.facts());
        assertThat(otherTimeout.hash()).isNotEqualTo(plan.hash());
        assertThat(plan.hash()).matches("[0-9a-f]{64}");
    }

    @Test
    void argvBoundariesMatter() {
        Step one = Step.onController("ctl", "d", List.of("echo", "a b"), Duration.ofSeconds(1));
        Step two = Step.onController("ctl", "d", List.of("echo", "a", "b"), Duration.ofSeconds(1));
        Step tab = Step.onController("ctl", "d", List.of("echo", "a\tb"), Duration.ofSeconds(1));
        assertThat(PlanCodec.canonicalSteps(List.of(one))).isNotEqualTo(PlanCodec.canonicalSteps(List.of(two)));
        assertThat(PlanCodec.canonicalSteps(List.of(tab))).isNotEqualTo(PlanCodec.canonicalSteps(List.of(two)));
    }

    @Test
    void decodeRejectsForeignOrTruncatedText() {
        assertThatThrownBy(() -> PlanCodec.decode("hello")).isInstanceOf(IllegalArgumentException.class);
        String text = PlanCodec.encode(tricky());
        String truncated = text.substring(0, text.lastIndexOf("end"));
        assertThatThrownBy(() -> PlanCodec.decode(truncated)).hasMessageContaining("truncated");
    }

    @Test
    void aStepCannotDependOnALaterOneOrNameHostsItDoesNotHave() {
        Step first = Step.onController("ctl", "a", List.of("true"), Duration.ofSeconds(1)).onlyWhereSucceeded(2);
        Step second = Step.onController("ctl", "b", List.of("true"), Duration.ofSeconds(1));
        assertThatThrownBy(() -> new Plan("x", "x", List.of(first, second), BlastRadius.NONE, List.of(), Map.of()))
                .hasMessageContaining("does not come before");
        Step noHosts = Step.onController("ctl", "c", List.of("scontrol", "NodeName=" + Step.HOSTS), Duration.ofSeconds(1));
        assertThatThrownBy(() -> new Plan("x", "x", List.of(noHosts), BlastRadius.NONE, List.of(), Map.of()))
                .hasMessageContaining("no hosts");
    }

    @Test
    void argvTextQuotesWhatAShellWouldSplit() {
        assertThat(ArgvText.of(List.of("scontrol", "update", "Reason=maint [alice #1]", "it's")))
                .isEqualTo("scontrol update 'Reason=maint [alice #1]' 'it'\\''s'");
    }
}
