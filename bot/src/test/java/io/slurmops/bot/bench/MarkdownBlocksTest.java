package io.slurmops.bot.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownBlocksTest {

    @Test
    void replacesOnlyItsOwnBlock() {
        String doc = "# Benchmarks\n\nhand-written\n\n<!-- bench:a -->\nold a\n<!-- /bench:a -->\n\n"
                + "<!-- bench:b -->\nold b\n<!-- /bench:b -->\ntail\n";

        String out = MarkdownBlocks.replace(doc, "a", "new a\n");

        assertThat(out).contains("<!-- bench:a -->\nnew a\n<!-- /bench:a -->").doesNotContain("old a")
                .contains("old b").startsWith("# Benchmarks\n\nhand-written").endsWith("tail\n");
    }

    @Test
    void appendsANewBlockUnderTheGeneratedSectionOnce() {
        String once = MarkdownBlocks.replace("# Benchmarks\n", "x", "X");
        String twice = MarkdownBlocks.replace(once, "y", "Y");

        assertThat(twice).containsOnlyOnce(MarkdownBlocks.SECTION)
                .contains("<!-- bench:x -->\nX\n<!-- /bench:x -->").contains("<!-- bench:y -->\nY\n<!-- /bench:y -->");
        assertThat(twice.indexOf("bench:x")).isLessThan(twice.indexOf("bench:y"));
    }

    @Test
    void labTargetsMatchTheLabScriptsAddressing() {
        assertThat(LabTargets.addresses(251)).startsWith("127.0.0.1").endsWith("127.0.1.1").hasSize(251);
        assertThat(LabTargets.addresses(1000).get(999)).isEqualTo("127.0.3.250");
        assertThat(LabTargets.pdshList(260)).isEqualTo("127.0.0.[1-250],127.0.1.[1-10]");
    }
}
