package io.slurmops.commands.diagnosis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowledgeBaseTest {

    private final KnowledgeBase kb = KnowledgeBase.builtIn();

    @Test
    void everyEntryHasCauseAndIdsAreUnique() {
        assertThat(kb.entries()).isNotEmpty();
        assertThat(kb.entries()).allSatisfy(d -> assertThat(d.cause()).isNotBlank());
        assertThat(kb.entries().stream().map(Diagnosis::id).distinct().count()).isEqualTo(kb.entries().size());
    }

    @Test
    void matchesRealClientErrorsWithTheLineAsEvidence() {
        String out = "some noise\nslurm_load_partitions: Unable to contact slurm controller (connect failure)\n";
        List<Finding> f = kb.match(out);
        assertThat(f).extracting(x -> x.diagnosis().id()).containsExactly("controller-unreachable");
        assertThat(f.get(0).evidence()).isEqualTo("slurm_load_partitions: Unable to contact slurm controller (connect failure)");
        assertThat(f.get(0).diagnosis().repair()).isEqualTo("start slurmctld");
    }

    @Test
    void matchesNothingInHealthyOutput() {
        assertThat(kb.match("Slurmctld(primary) at vm is UP\n")).isEmpty();
        assertThat(kb.match("")).isEmpty();
    }

    @Test
    void fileFormatErrorsNameTheLine() {
        assertThatThrownBy(() -> DiagnosisFile.parse("id: a\ntitle: b\nmatch: (unclosed\n"))
                .hasMessageContaining("line 3").hasMessageContaining("bad pattern");
        assertThatThrownBy(() -> DiagnosisFile.parse("id: a\ncolour: red\n"))
                .hasMessageContaining("unknown key colour");
    }
}
