package io.slurmops.commands.hostlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random tests; the seed is in each test's name, so a failure can be replayed. */
class HostlistPropertyTest {

    private static final Pattern BRACKET = Pattern.compile("\\[([^]]*)]");

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void compressThenParseGivesTheSameSet(long seed) {
        Set<String> hosts = RandomHostlists.hostSet(new Random(seed));
        String compressed = Hostlist.compress(hosts);
        assertThat(Hostlist.parse(compressed).hosts()).as(compressed).containsExactlyInAnyOrderElementsOf(hosts);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void compressedOutputFollowsSlurm2205AndClusterShellRules(long seed) {
        String compressed = Hostlist.compress(RandomHostlists.hostSet(new Random(seed)));
        for (String token : HostlistParser.tokens(compressed)) {
            // Slurm 22.05: nothing after the last bracket, no steps, no single-element brackets alone.
            assertThat(!token.contains("[") || token.endsWith("]")).as(token).isTrue();
            assertThat(token).doesNotContain("/");
        }
        Matcher bracket = BRACKET.matcher(compressed);
        while (bracket.find()) {
            for (String element : bracket.group(1).split(",")) {
                String[] bounds = element.split("-");
                if (bounds.length == 2) {
                    // ClusterShell: a zero-padded bound needs both bounds of the same length.
                    if (bounds[0].startsWith("0") && bounds[0].length() > 1) {
                        assertThat(bounds[1]).as(compressed).hasSameSizeAs(bounds[0]);
                    }
                    assertThat(Long.parseLong(bounds[0])).as(compressed).isLessThan(Long.parseLong(bounds[1]));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void compressionIsNotLongerThanTheListAndIsStable(long seed) {
        Set<String> hosts = RandomHostlists.hostSet(new Random(seed));
        String compressed = Hostlist.compress(hosts);
        assertThat(compressed.length()).isLessThanOrEqualTo(String.join(",", hosts).length());
        // Compressing what a compressed expression expands to gives the same expression.
        assertThat(Hostlist.parse(compressed).compressed()).isEqualTo(compressed);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void randomExpressionsExpandToTheExpectedSet(long seed) {
        RandomHostlists.Expression expression = RandomHostlists.expression(new Random(seed), true);
        Hostlist parsed = Hostlist.parse(expression.text());
        assertThat(parsed.hosts()).as(expression.text()).containsExactlyInAnyOrderElementsOf(expression.hosts());
        assertThat(Hostlist.parse(parsed.compressed())).as(parsed.compressed()).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void hostsAreSortedAndUnique(long seed) {
        RandomHostlists.Expression expression = RandomHostlists.expression(new Random(seed), true);
        List<String> hosts = Hostlist.parse(expression.text()).hosts();
        List<String> sorted = new ArrayList<>(new TreeSet<>(hosts));
        sorted.sort(HostNameOrder.INSTANCE);
        assertThat(hosts).isEqualTo(sorted);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void setOperationsAgreeWithJavaSets(long seed) {
        Random random = new Random(seed);
        Set<String> a = RandomHostlists.hostSet(random);
        Set<String> b = RandomHostlists.hostSet(random);
        b.addAll(new ArrayList<>(a).subList(0, a.size() / 2));
        Hostlist listA = Hostlist.of(a);
        Hostlist listB = Hostlist.of(b);

        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> minus = new HashSet<>(a);
        minus.removeAll(b);
        Set<String> intersection = new HashSet<>(a);
        intersection.retainAll(b);

        assertThat(listA.union(listB).hosts()).containsExactlyInAnyOrderElementsOf(union);
        assertThat(listA.minus(listB).hosts()).containsExactlyInAnyOrderElementsOf(minus);
        assertThat(listA.intersect(listB).hosts()).containsExactlyInAnyOrderElementsOf(intersection);
        for (String host : union) {
            assertThat(listA.contains(host)).as(host).isEqualTo(a.contains(host));
        }
    }
}
