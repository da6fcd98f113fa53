package io.slurmops.commands.diagnosis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowledgeBaseTest {

    /** The change commands being built elsewhere, in the exact forms repairs may use. */
    private static final Pattern REPAIR_FORM = Pattern.compile(
            "(?:(?:drain|resume|undrain) \\S+ .+|restart slurmd \\S+|(?:start|stop|restart) (?:slurmctld|slurmdbd|slurmd|munge|mariadb)(?: \\S+)?"
                    + "|reconfig|takeover|sync (?:config|munge|clock) \\S+|gpu reset \\S+|(?:hold|release|requeue) \\S+"
                    + "|runbook run \\S+)");

    private final KnowledgeBase kb = KnowledgeBase.builtIn();

    @Test
    void everyEntryHasTitleCauseCheckAndSourceAndIdsAreUnique() {
        assertThat(kb.entries()).hasSizeGreaterThanOrEqualTo(45);
        assertThat(kb.entries()).allSatisfy(d -> {
            assertThat(d.cause()).as(d.id()).isNotBlank();
            assertThat(d.check()).as(d.id()).isNotBlank();
            assertThat(d.source()).as(d.id()).isNotBlank();
        });
        assertThat(kb.entries().stream().map(Diagnosis::id).distinct().count()).isEqualTo(kb.entries().size());
    }

    @Test
    void everyRepairIsOneOfTheChangeCommandForms() {
        Map<String, String> all = Map.of("node", "node003", "hosts", "node[003-004]", "job", "42", "user", "alice");
        for (Diagnosis d : kb.entries()) {
            if (d.hasRepair()) {
                String filled = new Finding(d, "").repairFor(all);
                assertThat(REPAIR_FORM.matcher(filled).matches()).as(d.id() + ": " + filled).isTrue();
            }
        }
    }

    @Test
    void everyEntryMatchesOneOfItsSampleLines() throws IOException {
        Map<String, List<String>> samples = samples();
        for (Diagnosis d : kb.entries()) {
            List<String> lines = samples.getOrDefault(d.id(), List.of());
            assertThat(lines).as("samples for " + d.id()).isNotEmpty();
            for (String line : lines) {
                assertThat(kb.match(line)).as(d.id() + " on: " + line).extracting(f -> f.diagnosis().id())
                        .contains(d.id());
            }
        }
        assertThat(samples.keySet()).as("samples for entries that do not exist")
                .allSatisfy(id -> assertThat(kb.byId(id)).as(id).isPresent());
    }

    @Test
    void stateCorruptionAndDatabaseRepairsAreLeftToPeople() {
        for (String id : List.of("state-recovery-failed", "db-table-crashed", "accounting-db-missing", "cluster-down",
                "hw-mismatch", "db-duplicate-job-id")) {
            assertThat(kb.byId(id)).as(id).hasValueSatisfying(d -> assertThat(d.hasRepair()).isFalse());
        }
        assertThat(kb.byId("state-recovery-failed").orElseThrow().cause()).contains("copy");
    }

    @Test
    void matchesRealClientErrorsWithTheLineAsEvidence() {
        String out = "some noise\nslurm_load_partitions: Unable to contact slurm controller (connect failure)\n";
        List<Finding> f = kb.match(out);
        assertThat(f).extracting(x -> x.diagnosis().id()).containsExactly("controller-unreachable");
        assertThat(f.get(0).evidence()).isEqualTo("slurm_load_partitions: Unable to contact slurm controller (connect failure)");
        assertThat(f.get(0).repair()).isEqualTo("start slurmctld");
    }

    @Test
    void namedGroupsFillTheRepairAndCallerContextFillsTheRest() {
        Finding drift = kb.match("error: Node node004 appears to have a different slurm.conf than the slurmctld.").get(0);
        assertThat(drift.diagnosis().id()).isEqualTo("config-drift");
        assertThat(drift.repair()).isEqualTo("sync config node004");

        Finding stopped = kb.match("Reason=Not responding [slurm@2026-11-25T22:22:01]").get(0);
        assertThat(stopped.repair()).isEqualTo("restart slurmd NODE");
        assertThat(stopped.repairComplete()).isFalse();
        assertThat(stopped.repairFor(Map.of("node", "node002"))).isEqualTo("restart slurmd node002");
        Finding withNode = stopped.withContext(Map.of("node", "node002"));
        assertThat(withNode.repairComplete()).isTrue();
        assertThat(withNode.check()).isEqualTo("services node002");
    }

    @Test
    void optionalPlaceholdersDisappearWhenUnknown() {
        Finding munge = kb.match("Munge encode failed: Failed to access \"/run/munge/munge.socket.2\": "
                + "No such file or directory (Did you start munged?)").get(0);
        assertThat(munge.diagnosis().id()).isEqualTo("munge-down");
        assertThat(munge.repair()).isEqualTo("start munge");
        assertThat(munge.repairFor(Map.of("hosts", "node[001-002]"))).isEqualTo("start munge node[001-002]");
    }

    @Test
    void matchLatestKeepsTheMostRecentOccurrenceAsEvidence() {
        List<Finding> f = kb.matchLatest(List.of(
                "[10:00] error: Nodes node001 not responding, setting DOWN",
                "[10:05] error: Nodes node003 not responding, setting DOWN"));
        assertThat(f).hasSize(1);
        assertThat(f.get(0).evidence()).startsWith("[10:05]");
        assertThat(f.get(0).repair()).isEqualTo("restart slurmd node003");
    }

    @Test
    void renderShowsCheckAndFilledRepairWithThePrefix() {
        Finding f = kb.match("unmunge: Error: Invalid credential").get(0).withContext(Map.of("hosts", "node004"));
        String text = new io.slurmops.commands.reply.Reply(io.slurmops.commands.reply.Status.ERROR, "t",
                KnowledgeBase.render(List.of(f), "!slurm")).toPlainText();
        assertThat(text).contains("`!slurm check munge`").contains("`!slurm sync munge node004`");
    }

    @Test
    void fileFormatErrorsNameTheLine() {
        assertThatThrownBy(() -> DiagnosisFile.parse("id: a\ntitle: b\nmatch: (unclosed\n"))
                .hasMessageContaining("line 3").hasMessageContaining("bad pattern");
        assertThatThrownBy(() -> DiagnosisFile.parse("id: a\ncolour: red\n"))
                .hasMessageContaining("unknown key colour");
    }

    /** kb/samples.txt: "ID | LINE"; a literal \n inside a line stands for a line break. */
    static Map<String, List<String>> samples() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (InputStream in = KnowledgeBaseTest.class.getResourceAsStream("/kb/samples.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf(" | ");
                out.computeIfAbsent(line.substring(0, bar).strip(), k -> new ArrayList<>())
                        .add(line.substring(bar + 3).replace("\\n", "\n"));
            }
        }
        return out;
    }
}
