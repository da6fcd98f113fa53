package io.slurmops.commands.hostlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The value type: set semantics, order, operations. */
class HostlistTest {

    @Test
    void ofDeduplicatesAndSorts() {
        Hostlist list = Hostlist.of(List.of("n10", "n2", "n10", "n1"));
        assertThat(list.hosts()).containsExactly("n1", "n2", "n10");
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.isEmpty()).isFalse();
    }

    @Test
    void hostsIsUnmodifiable() {
        List<String> hosts = Hostlist.parse("n[1-3]").hosts();
        assertThatThrownBy(() -> hosts.add("n4")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ofValidatesNames() {
        assertThatThrownBy(() -> Hostlist.of(List.of("n1", "n 2")))
                .isInstanceOf(HostlistException.class)
                .hasMessage("Invalid host name \"n 2\": character ' ' is not allowed in a host name"
                        + " (allowed: letters, digits, '.', '_', '-')");
        assertThatThrownBy(() -> Hostlist.of(List.of("-oProxyCommand")))
                .hasMessageContaining("must not start with '-'");
        assertThatThrownBy(() -> Hostlist.of(List.of("n".repeat(254))))
                .hasMessageContaining("longer than 253");
    }

    @Test
    void contains() {
        Hostlist list = Hostlist.parse("n[01-10]");
        assertThat(list.contains("n05")).isTrue();
        assertThat(list.contains("n5")).isFalse();
        assertThat(list.contains("n11")).isFalse();
        assertThat(list.contains("n[1]")).isFalse();
        assertThat(list.contains(null)).isFalse();
    }

    @Test
    void setOperations() {
        Hostlist a = Hostlist.parse("n[1-6]");
        Hostlist b = Hostlist.parse("n[4-9]");
        assertThat(a.union(b)).isEqualTo(Hostlist.parse("n[1-9]"));
        assertThat(a.minus(b)).isEqualTo(Hostlist.parse("n[1-3]"));
        assertThat(a.intersect(b)).isEqualTo(Hostlist.parse("n[4-6]"));
        assertThat(a.minus(a).isEmpty()).isTrue();
        assertThat(a.intersect(Hostlist.parse("m1")).hosts()).isEmpty();
        assertThat(a.union(Hostlist.empty())).isEqualTo(a);
    }

    @Test
    void resultsOfOperationsStaySorted() {
        Hostlist union = Hostlist.parse("n10,n2").union(Hostlist.parse("n1,n20"));
        assertThat(union.hosts()).containsExactly("n1", "n2", "n10", "n20");
        assertThat(union.minus(Hostlist.parse("n2")).hosts()).containsExactly("n1", "n10", "n20");
    }

    @Test
    void equalityIsSetEquality() {
        Hostlist a = Hostlist.parse("n3,n1,n2,n2");
        Hostlist b = Hostlist.of(List.of("n1", "n2", "n3"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Hostlist.parse("n[01-03]"));
        assertThat(a).isNotEqualTo("n[1-3]");
    }

    @Test
    void emptyList() {
        assertThat(Hostlist.empty().hosts()).isEmpty();
        assertThat(Hostlist.empty().size()).isZero();
        assertThat(Hostlist.empty().compressed()).isEmpty();
        assertThat(Hostlist.of(List.of())).isEqualTo(Hostlist.empty());
    }

    @Test
    void theTwoCallsTheCliNeeds() {
        assertThat(Hostlist.parse("node[1-3]-ib").hosts()).containsExactly("node1-ib", "node2-ib", "node3-ib");
        assertThat(Hostlist.compress(List.of("node03", "node01", "node02"))).isEqualTo("node[01-03]");
    }
}
