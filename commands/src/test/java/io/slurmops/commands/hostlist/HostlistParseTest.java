package io.slurmops.commands.hostlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expansion rules of {@link Hostlist#parse}; the tables in shared notes §2 are the source of the cases. */
class HostlistParseTest {

    private static List<String> expand(String expr) {
        return Hostlist.parse(expr).hosts();
    }

    @Test
    void literalHostIsItself() {
        assertThat(expand("login1")).containsExactly("login1");
    }

    @Test
    void simpleRange() {
        assertThat(expand("node[3-5,62]")).containsExactly("node3", "node4", "node5", "node62");
    }

    @Test
    void widthIsTheLengthOfLo() {
        assertThat(expand("node[01-10]")).hasSize(10).startsWith("node01", "node02").endsWith("node10");
        assertThat(expand("n[009-11]")).containsExactly("n009", "n010", "n011");
        assertThat(expand("n[01-3]")).containsExactly("n01", "n02", "n03");
    }

    @Test
    void paddingOfHiIsIgnored() {
        assertThat(expand("n[9-011]")).containsExactly("n9", "n10", "n11");
        assertThat(expand("n[1-03]")).containsExactly("n1", "n2", "n3");
    }

    @Test
    void numbersLongerThanTheWidthAreWrittenInFull() {
        assertThat(expand("n[98-100]")).containsExactly("n98", "n99", "n100");
        assertThat(expand("n[09-100]")).hasSize(92).contains("n09", "n99", "n100").doesNotContain("n9", "n099");
    }

    @Test
    void zeroAndPaddedZero() {
        assertThat(expand("n[0]")).containsExactly("n0");
        assertThat(expand("n[000]")).containsExactly("n000");
        assertThat(expand("n[00-02]")).containsExactly("n00", "n01", "n02");
    }

    @Test
    void listsInsideBrackets() {
        assertThat(expand("gpu[1,3,5-7]")).containsExactly("gpu1", "gpu3", "gpu5", "gpu6", "gpu7");
    }

    @Test
    void severalBracketGroupsAreACartesianProduct() {
        assertThat(expand("rack[1-2]-node[01-04]")).containsExactly(
                "rack1-node01", "rack1-node02", "rack1-node03", "rack1-node04",
                "rack2-node01", "rack2-node02", "rack2-node03", "rack2-node04");
        assertThat(expand("n[1-2][3-4]")).containsExactlyInAnyOrder("n13", "n14", "n23", "n24");
        assertThat(expand("[1-2]a[1-2]")).containsExactlyInAnyOrder("1a1", "1a2", "2a1", "2a2");
    }

    @Test
    void textAfterTheLastBracketIsASuffix() {
        assertThat(expand("node[1-3]-ib")).containsExactly("node1-ib", "node2-ib", "node3-ib");
        assertThat(expand("n[1-2]a[1-2]b")).containsExactly("n1a1b", "n1a2b", "n2a1b", "n2a2b");
        assertThat(expand("node[1-2].cl")).containsExactly("node1.cl", "node2.cl");
    }

    @Test
    void digitsBeforeABracketAreText() {
        assertThat(expand("n1[2-3]")).containsExactly("n12", "n13");
    }

    @ParameterizedTest(name = "separated by {0}")
    @ValueSource(strings = {",", " ", "\t", "\n", ", ", ",,", " \t\n"})
    void tokenSeparators(String separator) {
        assertThat(expand("n[1-2]" + separator + "m3" + separator))
                .containsExactly("m3", "n1", "n2");
    }

    @Test
    void commasInsideBracketsBelongToTheBracket() {
        assertThat(expand("a[1,3],b[2,4]")).containsExactly("a1", "a3", "b2", "b4");
    }

    @Test
    void duplicatesAreRemovedAndTheResultIsSorted() {
        assertThat(expand("n[1,1,1]")).containsExactly("n1");
        assertThat(expand("n[5,1-3],n[2-4]")).containsExactly("n1", "n2", "n3", "n4", "n5");
        assertThat(expand("n3 n2 n1")).containsExactly("n1", "n2", "n3");
    }

    @Test
    void allowedNameCharacters() {
        assertThat(expand("Az09._-x[1-2]")).containsExactly("Az09._-x1", "Az09._-x2");
    }

    @Test
    void largestSingleRangeIsAllowed() {
        assertThat(Hostlist.parse("n[0-65535]").size()).isEqualTo(65_536);
    }

    @Test
    void bigNumbersUpTo18Digits() {
        assertThat(expand("n[999999999999999998-999999999999999999]"))
                .containsExactly("n999999999999999998", "n999999999999999999");
        assertThat(expand("n[0000000000000000000001]")).containsExactly("n0000000000000000000001");
    }

    // --- errors: each message names the token and says what is wrong -------------------------------

    static Stream<Arguments> badTokens() {
        return Stream.of(
                arguments("n[3-1]", "range \"3-1\" has lo > hi"),
                arguments("n[010-1]", "range \"010-1\" has lo > hi"),
                arguments("n[]", "empty brackets"),
                arguments("n[1-]", "missing upper bound in range \"1-\""),
                arguments("n[-]", "missing lower bound in range \"-\""),
                arguments("n[,1]", "empty range in \"[,1]\""),
                arguments("n[1,,2]", "empty range in \"[1,,2]\""),
                arguments("n[1-2,]", "empty range in \"[1-2,]\""),
                arguments("n[a-b]", "range \"a-b\" is not numeric"),
                arguments("n[0x1-3]", "range \"0x1-3\" is not numeric"),
                arguments("n[1-2-3]", "range \"1-2-3\" is not numeric"),
                arguments("n[+1-2]", "range \"+1-2\" is not numeric"),
                arguments("n[-1]", "negative number in range \"-1\""),
                arguments("n[-1-3]", "negative number in range \"-1-3\""),
                arguments("n[1--2]", "negative number in range \"1--2\""),
                arguments("n[1-5/2]", "steps are not supported: range \"1-5/2\""),
                arguments("n[1-3", "missing ']'"),
                arguments("n[1-3]-x[4", "missing ']'"),
                arguments("n1-3]", "']' without a matching '['"),
                arguments("n[1-3]]", "']' without a matching '['"),
                arguments("n]", "']' without a matching '['"),
                arguments("n[[1-3]]", "nested '[' inside brackets"),
                arguments("n[1[2]]", "nested '[' inside brackets"),
                arguments("n[0-1000000]", "Too many hosts in range \"0-1000000\""),
                arguments("n[0-65536]", "Too many hosts in range \"0-65536\""),
                arguments("n[99999999999999999999]", "number \"99999999999999999999\" is too large"),
                arguments("n[1-2]$", "character '$' is not allowed in a host name"),
                arguments("n;ls", "character ';' is not allowed in a host name"),
                arguments("n`id`", "character '`' is not allowed in a host name"),
                arguments("n/x", "character '/' is not allowed in a host name"),
                arguments("-n1", "must not start with '-'"),
                arguments("-[1-2]", "must not start with '-'")
        );
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badTokens")
    void rejectsWithAMessageNamingTheToken(String token, String problem) {
        assertThatThrownBy(() -> Hostlist.parse("ok1," + token))
                .isInstanceOf(HostlistException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid hostlist token \"" + token + "\": ")
                .hasMessageContaining(problem)
                .extracting(e -> ((HostlistException) e).token()).isEqualTo(token);
    }

    @Test
    void anUnclosedBracketTakesTheRestOfTheInputAsItsToken() {
        // As in Slurm: separators inside brackets belong to the bracket.
        assertThatThrownBy(() -> Hostlist.parse("a1,n[1-3,m4 m5"))
                .hasMessage("Invalid hostlist token \"n[1-3,m4 m5\": missing ']'");
    }

    @Test
    void whitespaceInsideBracketsIsNotNumeric() {
        // Slurm's strtoul skips it (n[ 1-2] gives n01 n02 there); a typo is likelier than intent.
        assertThatThrownBy(() -> Hostlist.parse("n[1, 2]"))
                .hasMessage("Invalid hostlist token \"n[1, 2]\": range \" 2\" is not numeric");
    }

    @Test
    void controlCharactersAreShownAsCodePoints() {
        assertThatThrownBy(() -> Hostlist.parse("n1\u0007"))
                .hasMessage("Invalid hostlist token \"n1U+0007\": character U+0007 is not allowed in a host name"
                        + " (allowed: letters, digits, '.', '_', '-')");
    }

    @Test
    void longTokensAreShortenedInTheMessage() {
        String token = "x".repeat(300) + "$";
        assertThatThrownBy(() -> Hostlist.parse(token))
                .hasMessageContaining("\"" + "x".repeat(80) + "...\"")
                .extracting(e -> ((HostlistException) e).token()).isEqualTo(token);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", ",", " , \t\n,"})
    void emptyInputIsAnError(String expr) {
        assertThatThrownBy(() -> Hostlist.parse(expr))
                .isInstanceOf(HostlistException.class)
                .hasMessage("Empty hostlist");
    }

    @Test
    void hostNamesLongerThan253CharactersAreRefused() {
        String prefix = "n".repeat(250);
        assertThat(expand(prefix + "[1-999]")).hasSize(999);
        assertThatThrownBy(() -> Hostlist.parse(prefix + "[1-1000]"))
                .hasMessageContaining("longer than 253 characters");
        assertThatThrownBy(() -> Hostlist.parse(prefix + "[0001]"))
                .hasMessageContaining("longer than 253 characters");
    }

    // --- the total cap: a chat user cannot make the bot allocate millions of strings --------------

    @Test
    void totalExpansionIsCappedByDefault() {
        assertThatThrownBy(() -> Hostlist.parse("n[1-300][1-300]"))
                .hasMessage("Invalid hostlist token \"n[1-300][1-300]\": the hostlist would expand to more than 65536 hosts");
        assertThatThrownBy(() -> Hostlist.parse("a[1-40000],b[1-40000]"))
                .hasMessageContaining("\"b[1-40000]\"").hasMessageContaining("more than 65536 hosts");
    }

    @Test
    void capCountsBeforeDuplicatesAreRemoved() {
        assertThatThrownBy(() -> Hostlist.parse("n[1-40000],n[1-40000]")).hasMessageContaining("more than 65536");
    }

    @Test
    void capIsConfigurable() {
        assertThat(Hostlist.parse("n[1-10]", 10).size()).isEqualTo(10);
        assertThatThrownBy(() -> Hostlist.parse("n[1-10],m1", 10)).hasMessageContaining("more than 10 hosts");
        assertThatThrownBy(() -> Hostlist.parse("n1", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hugeProductsAreRefusedWithoutOverflow() {
        String expr = "n" + "[0-65535]".repeat(6);
        assertThatThrownBy(() -> Hostlist.parse(expr, Integer.MAX_VALUE))
                .hasMessageContaining("more than " + Integer.MAX_VALUE + " hosts");
    }
}
