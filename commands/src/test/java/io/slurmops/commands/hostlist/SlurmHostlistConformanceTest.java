package io.slurmops.commands.hostlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares {@link Hostlist} with Slurm itself: {@code scontrol show hostnames} is the reference for
 * expansion and must read every compressed expression back as the same set. Runs wherever
 * {@code /usr/bin/scontrol} exists (this machine and CI); about 1 000 short scontrol runs.
 *
 * <p>Documented differences, each checked below: we accept text after the last bracket (Slurm since
 * 23.02.5; 22.05 rejects it), a newline separates hosts for us only, our total cap, and some input
 * Slurm accepts that we reject ({@link #documentedDifferences}).
 */
@Tag("slurm")
class SlurmHostlistConformanceTest {

    private static Scontrol slurm;

    @BeforeAll
    static void throwawayConfig(@TempDir Path dir) throws IOException, InterruptedException {
        if (!Files.exists(Scontrol.BINARY)) {
            // A fresh machine: the lab script installs Slurm's clients (and starts the lab).
            io.slurmops.testing.LabCluster.ensureUp();
        }
        Assertions.assertTrue(Files.exists(Scontrol.BINARY), "no " + Scontrol.BINARY + " even after lab/lab up");
        slurm = Scontrol.withThrowawayConfig(dir);
    }

    private static Set<String> ours(String expression) {
        return Set.copyOf(Hostlist.parse(expression).hosts());
    }

    /** Set comparison that stays fast for 65 536 hosts and names the differing hosts. */
    private static void assertSameSet(String expression, Collection<String> ours, Collection<String> slurms) {
        Set<String> missing = new TreeSet<>(slurms);
        missing.removeAll(ours);
        Set<String> extra = new TreeSet<>(ours);
        extra.removeAll(new HashSet<>(slurms));
        assertThat(missing).as("hosts of %s that Slurm has and we do not", expression).isEmpty();
        assertThat(extra).as("hosts of %s that we have and Slurm does not", expression).isEmpty();
    }

    private static List<String> slurmExpands(String expression) {
        Scontrol.Result result = slurm.showHostnames(expression);
        assertThat(result.rejected()).as("Slurm rejected %s: %s", expression, result.stderr()).isFalse();
        return result.lines();
    }

    @Test
    void slurmReportsInvalidHostlistsOnStderrWithExitCode0() {
        Scontrol.Result result = slurm.showHostnames("n[3-1]");
        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).isEmpty();
        assertThat(result.stderr()).contains("Invalid hostlist: n[3-1]");
        assertThat(result.rejected()).isTrue();
    }

    static Stream<String> notesTable() {
        return Stream.of("node[01-10]", "n[9-11]", "n[09-11]", "n[009-11]", "n[9-011]", "n[01-3]", "n[1-03]",
                "rack[1-2]-node[01-04]", "gpu[1,3,5-7]", "n[1,1,1]", "n[1-2][3-4]", "n[1-2]m[3-4]", "[1-2]",
                "n[0-65535]", "n[098-100]", "n1[2-3]", "a,b c\td", "n[1-2],,n3", "n[5,1-3],n[2-4]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notesTable")
    void expandsTheNotesTableLikeSlurm(String expression) {
        assertSameSet(expression, ours(expression), slurmExpands(expression));
    }

    static LongStream expressionSeeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("expressionSeeds")
    void randomExpressionsExpandLikeSlurm(long seed) {
        String expression = RandomHostlists.expression(new Random(seed), false).text();
        assertSameSet(expression, ours(expression), slurmExpands(expression));
    }

    static LongStream suffixSeeds() {
        return LongStream.range(1000, 1100);
    }

    /** With suffixes allowed: equal sets where Slurm accepts, and where 22.05 rejects, only for the suffix. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("suffixSeeds")
    void suffixesAreTheOnlyDifferenceInRandomExpressions(long seed) {
        RandomHostlists.Expression expression = RandomHostlists.expression(new Random(seed), true);
        Scontrol.Result result = slurm.showHostnames(expression.text());
        if (expression.hasSuffix() && !slurm.acceptsSuffix()) {
            assertThat(result.stderr()).as(expression.text()).contains("Invalid hostlist");
        } else {
            assertThat(result.rejected()).as(expression.text() + ": " + result.stderr()).isFalse();
            assertSameSet(expression.text(), ours(expression.text()), result.lines());
        }
        assertSameSet(expression.text(), ours(expression.text()), expression.hosts());
    }

    static LongStream invalidSeeds() {
        return LongStream.range(2000, 2100);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("invalidSeeds")
    void randomInvalidExpressionsAreInvalidForSlurmToo(long seed) {
        String expression = RandomHostlists.invalidExpression(new Random(seed));
        assertThatThrownBy(() -> Hostlist.parse(expression)).as(expression).isInstanceOf(HostlistException.class);
        Scontrol.Result result = slurm.showHostnames(expression);
        assertThat(result.stderr()).as(expression).contains("Invalid hostlist");
        assertThat(result.lines()).as(expression).isEmpty();
    }

    /** What we reject, and what Slurm 22.05.8 makes of it instead (checked on this machine). */
    static Stream<Arguments> documentedDifferences() {
        return Stream.of(
                arguments("n[1-]", "n1"),                       // Slurm reads a missing hi as lo
                arguments("n[ 1-2]", "n01 n02"),                // strtoul skips the space, the width counts it
                arguments("n[+1-2]", "n01 n02"),
                arguments("n[1- 3]", "n1 n2 n3"),
                arguments("n[1-3", "n]"),                       // garbage: no closing bracket
                arguments("n1-3]", "n1-3]"),                    // a stray bracket is part of the name
                arguments("n$x", "n$x"),                        // any character is a name character
                arguments("x,-n1", "x -n1"),                    // would be read as an ssh option
                arguments("n[99999999999999999999]", "n18446744073709551615"), // clamped to ULONG_MAX
                arguments(" ", ""));                            // an empty list is not an error
    }

    @ParameterizedTest(name = "{0} -> Slurm: {1}")
    @MethodSource("documentedDifferences")
    void documentedDifferences(String expression, String slurmOutput) {
        assertThatThrownBy(() -> Hostlist.parse(expression)).isInstanceOf(HostlistException.class);
        Scontrol.Result result = slurm.showHostnames(expression);
        assertThat(result.rejected()).as("Slurm now rejects %s too; update the documented differences", expression)
                .isFalse();
        assertThat(String.join(" ", result.lines())).isEqualTo(slurmOutput);
    }

    @Test
    void newlineSeparatesHostsForUsButNotForSlurm() {
        // Slurm splits only at "\t, " (hostlist_create_dims); a newline stays inside a host name, and
        // scontrol prints that name over two lines. Our names cannot hold a newline, so it separates.
        assertThat(Hostlist.parse("n1\nm[2-3]").hosts()).containsExactly("m2", "m3", "n1");
        assertThat(slurmExpands("n1\nm[2-3]")).containsExactly("n1", "m2", "n1", "m3");
        assertThat(slurm.showHostnames("n[1-2]\nm2").stderr()).contains("Invalid hostlist");
    }

    @Test
    void theTotalCapIsOurs() {
        // Slurm expands a product of two brackets past 65 536 hosts; we stop at the configured cap.
        assertThat(slurmExpands("n[1-300]m[1-300]")).hasSize(90_000);
        assertThatThrownBy(() -> Hostlist.parse("n[1-300]m[1-300]")).hasMessageContaining("more than 65536 hosts");
        assertThat(Hostlist.parse("n[1-300]m[1-300]", 90_000).size()).isEqualTo(90_000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node[1-3]-ib", "n[1-2]a[1-2]b", "node[1-2].cl"})
    void suffixAfterTheLastBracket(String expression) {
        Scontrol.Result result = slurm.showHostnames(expression);
        assertThat(ours(expression)).hasSizeGreaterThan(1);
        if (slurm.acceptsSuffix()) {
            assertSameSet(expression, ours(expression), result.lines());
        } else {
            assertThat(result.stderr()).contains("Invalid hostlist: " + expression);
        }
    }

    static LongStream compressSeeds() {
        return LongStream.range(0, 300);
    }

    /** Our compression must read back in Slurm as the same set, each host once. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("compressSeeds")
    void slurmExpandsOurCompressionToTheSameSet(long seed) {
        Set<String> hosts = RandomHostlists.hostSet(new Random(seed));
        String compressed = Hostlist.compress(hosts);
        List<String> expanded = slurmExpands(compressed);
        assertThat(expanded).as(compressed).doesNotHaveDuplicates();
        assertSameSet(compressed, hosts, expanded);
    }

    /** Slurm folds a sorted list only along the last number; our extra dimensions only ever shorten. */
    static LongStream lengthSeeds() {
        return LongStream.range(0, 150);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("lengthSeeds")
    void ourCompressionIsNoLongerThanSlurms(long seed) {
        Set<String> hosts = RandomHostlists.hostSet(new Random(seed));
        String ours = Hostlist.compress(hosts);
        String slurms = slurm.showHostlistSorted(String.join(",", Hostlist.of(hosts).hosts())).lines().get(0);
        assertThat(ours.length()).as("ours %s, Slurm's %s", ours, slurms).isLessThanOrEqualTo(slurms.length());
    }

    @Test
    void aPaddedRangeStopsAtItsWidthUnlikeSlurms() {
        // The one known case where we are longer: ClusterShell rejects [09-100] as a padding mismatch.
        List<String> hosts = Hostlist.parse("n[09-100]").hosts();
        assertThat(slurm.showHostlistSorted(String.join(",", hosts)).lines()).containsExactly("n[09-100]");
        assertThat(Hostlist.compress(hosts)).isEqualTo("n[09-99,100]");
        assertSameSet("n[09-99,100]", hosts, slurmExpands("n[09-99,100]"));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("suffixSeeds")
    void compressedFormOfExpressionsWithSuffixesIsValidForSlurm(long seed) {
        RandomHostlists.Expression expression = RandomHostlists.expression(new Random(seed), true);
        String compressed = Hostlist.parse(expression.text()).compressed();
        assertSameSet(compressed, expression.hosts(), slurmExpands(compressed));
    }
}
