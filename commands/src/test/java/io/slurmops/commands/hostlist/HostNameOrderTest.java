package io.slurmops.commands.hostlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostNameOrderTest {

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(HostNameOrder.INSTANCE);
        return list;
    }

    @Test
    void numbersCompareNumerically() {
        assertThat(sorted("n10", "n2", "n1", "n100")).containsExactly("n1", "n2", "n10", "n100");
    }

    @Test
    void onEqualValuesTheLessPaddedComesFirst() {
        assertThat(sorted("n001", "n2", "n01", "n1")).containsExactly("n1", "n01", "n001", "n2");
        assertThat(sorted("n11", "n010", "n9")).containsExactly("n9", "n010", "n11");
    }

    @Test
    void textRunsCompareAsText() {
        assertThat(sorted("b2", "b1", "b0", "b", "c", "a0", "a")).containsExactly("a", "a0", "b", "b0", "b1", "b2", "c");
        assertThat(sorted("n-1", "n1", "m5")).containsExactly("m5", "n1", "n-1");
    }

    @Test
    void everyDigitRunCounts() {
        assertThat(sorted("rack2-node1", "rack10-node1", "rack1-node10", "rack1-node9"))
                .containsExactly("rack1-node9", "rack1-node10", "rack2-node1", "rack10-node1");
    }

    @Test
    void digitsSortBeforeText() {
        assertThat(sorted("a", "1", "10a", "9b")).containsExactly("1", "9b", "10a", "a");
    }

    @Test
    void digitRunsLongerThanALong() {
        assertThat(sorted("n100000000000000000000", "n99999999999999999999", "n0099999999999999999999"))
                .containsExactly("n99999999999999999999", "n0099999999999999999999", "n100000000000000000000");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n1", "n01", "", "a-b.c_d", "007"})
    void aNameEqualsItself(String name) {
        assertThat(HostNameOrder.INSTANCE.compare(name, new String(name))).isZero();
    }

    /** Antisymmetry, consistency with equals and transitivity on random names from a small alphabet. */
    @Test
    void isATotalOrderConsistentWithEquals_seed42() {
        Random random = new Random(42);
        String alphabet = "ab-0019";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(5);
            for (int k = 0; k < length; k++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(name.toString());
        }
        HostNameOrder order = HostNameOrder.INSTANCE;
        for (String a : names) {
            for (String b : names) {
                int ab = order.compare(a, b);
                assertThat(Integer.signum(ab)).as("%s vs %s", a, b).isEqualTo(-Integer.signum(order.compare(b, a)));
                assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(order);
        for (int i = 0; i + 2 < sorted.size(); i += 3) {
            // For a sorted list, any a <= b <= c must give a <= c.
            assertThat(order.compare(sorted.get(i), sorted.get(i + 2))).isLessThanOrEqualTo(0);
        }
        for (int i = 0; i < 2000; i++) {
            String a = names.get(random.nextInt(names.size()));
            String b = names.get(random.nextInt(names.size()));
            String c = names.get(random.nextInt(names.size()));
            if (order.compare(a, b) <= 0 && order.compare(b, c) <= 0) {
                assertThat(order.compare(a, c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
            }
        }
    }
}
