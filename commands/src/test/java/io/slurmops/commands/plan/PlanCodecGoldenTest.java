package io.slurmops.commands.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The plan text is a contract: approvers approve the SHA-256 of the canonical steps, and the store
 * keeps encoded plans across restarts and upgrades. These checked-in texts and hashes pin the
 * format, so any change to it fails here instead of stranding stored plans or voiding approvals.
 * If a change is intended, raise PlanCodec's VERSION, keep decoding the old version, and replace the
 * files with the ones this test writes to target/golden-actual/.
 */
class PlanCodecGoldenTest {

    static Plan plan(String name) {
        return switch (name) {
            case "drain" -> new Plan("drain", "Drain node[001-002]: bad DIMM [alice #7]",
                    List.of(Step.onController("ctl", "Drain node[001-002]", List.of("scontrol", "update",
                            "NodeName=node[001-002]", "State=DRAIN", "Reason=bad DIMM [alice #7]"), Duration.ofSeconds(20))),
                    new BlastRadius(List.of(new NodeImpact("node001", "mixed", ""), new NodeImpact("node002", "idle", "")),
                            List.of(new JobImpact("4242", "bob", "train", "RUNNING"))),
                    List.of("Running jobs (1 job of bob) finish normally; no new job starts on these nodes."), Map.of());
            case "restart-then-resume" -> new Plan("restart slurmd", "Restart slurmd on node003",
                    List.of(Step.onEachHost(List.of("node003"), "Restart slurmd", List.of("systemctl", "restart",
                                    "slurmd.service"), Duration.ofSeconds(60)),
                            Step.onController("ctl", "Resume node003", List.of("env", "SLURM_CONF=/etc/slurm/slurm.conf",
                                    "scontrol", "update", "NodeName=" + Step.HOSTS, "State=RESUME"), Duration.ofSeconds(20))
                                    .about(List.of("node003")).onlyWhereSucceeded(1)),
                    new BlastRadius(List.of(new NodeImpact("node003", "down*", "Not responding [slurm@2026-01-01]")),
                            List.of()),
                    List.of(), Map.of("force", "false", "jobs", "0"));
            case "tricky" -> PlanCodecTest.tricky();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"drain", "restart-then-resume", "tricky"})
    void encodedTextAndHashStayExactlyAsStored(String name) throws IOException {
        Plan plan = plan(name);
        String expectedText = golden(name + ".plan", PlanCodec.encode(plan));
        String expectedSteps = golden(name + ".steps", PlanCodec.canonicalSteps(plan.steps()));
        String expectedHash = golden(name + ".sha256", plan.hash() + "\n").strip();

        assertThat(PlanCodec.encode(plan)).as("encoded plan text of %s", name).isEqualTo(expectedText);
        assertThat(PlanCodec.canonicalSteps(plan.steps())).as("hashed step text of %s", name).isEqualTo(expectedSteps);
        assertThat(plan.hash()).as("plan hash of %s", name).isEqualTo(expectedHash);
        // A plan stored by an earlier build still decodes to the same plan and the same hash.
        Plan stored = PlanCodec.decode(expectedText);
        assertThat(stored).isEqualTo(plan);
        assertThat(stored.hash()).isEqualTo(expectedHash);
    }

    /** The checked-in text; on a mismatch or a missing file the actual text is written for review. */
    private static String golden(String file, String actual) throws IOException {
        try (InputStream in = PlanCodecGoldenTest.class.getResourceAsStream("golden/" + file)) {
            String expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!actual.equals(expected)) {
                Path out = Path.of("target", "golden-actual", file);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
            }
            if (expected == null) {
                fail("no golden file " + file + "; the actual text is in " + Path.of("target", "golden-actual", file));
            }
            return expected;
        }
    }
}
