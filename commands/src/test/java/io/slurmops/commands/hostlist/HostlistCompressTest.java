package io.slurmops.commands.hostlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostlistCompressTest {

    private static String compress(String commaSeparatedHosts) {
        return Hostlist.compress(Arrays.asList(commaSeparatedHosts.split(",")));
    }

    /** Input hosts (comma-separated, {@code ;} between columns) and the expected expression. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        // basic folding, sorted ranges, singles bare
        "n1,n2,n3,n5;                     n[1-3,5]",
        "n5;                              n5",
        "n3,n2,n1;                        n[1-3]",
        "n1,n1,n2;                        n[1-2]",
        "n1,m1,n2;                        m1,n[1-2]",
        "b2,b1,b0,b,c,a0,a;               a,a0,b,b[0-2],c",
        "n1,n3;                           n[1,3]",
        // unpadded numbers of different lengths are one family
        "n9,n10,n11;                      n[9-11]",
        "n8,n9,n10,n100;                  n[8-10,100]",
        "n0,n1,n2;                        n[0-2]",
        // padded numbers: fixed width, never merged with another width
        "n09,n10,n11;                     n[09-11]",
        "n01,n02,n03,n04,n05,n06,n07,n08,n09,n10; n[01-10]",
        "n9,n010,n11;                     n[9,010,11]",
        "n1,n01,n001;                     n[1,01,001]",
        "n01,n02,n3;                      n[01-02,3]",
        "n01,n02,n03;                     n[01-03]",
        "n0,n1,n00;                       n[0-1,00]",
        "n001,n002,n003,n005;             n[001-003,005]",
        // a padded range stops where the numbers get longer than its width (ClusterShell's rule)
        "n098,n099,n100;                  n[098-100]",
        "n08,n09,n10,n99,n100;            n[08-10,99-100]",
        "n101,n100,n099;                  n[099-101]",
        "n99,n100,n098;                   n[098,99-100]",
        "n9,n09,n10;                      n[9,09-10]",
        // Slurm 22.05 rejects text after a bracket: only a trailing number folds
        "node1-ib,node2-ib;               node1-ib,node2-ib",
        "n1-ib,n1,n2;                     n[1-2],n1-ib",
        // digit runs too long for a long stay as they are
        "n1234567890123456789,n1234567890123456790; n1234567890123456789,n1234567890123456790",
        // several dimensions
        "rack1-node01,rack1-node02,rack2-node01,rack2-node02; rack[1-2]-node[01-02]",
        "rack1-node01,rack1-node02,rack2-node01;               rack1-node[01-02],rack2-node01",
        "rack1-node1,rack1-node2,rack3-node1,rack3-node2,rack4-node5; rack[1,3]-node[1-2],rack4-node5",
        "x1y01z5,x1y01z6,x1y02z5,x1y02z6,x2y01z5,x2y01z6,x2y02z5,x2y02z6; x[1-2]y[01-02]z[5-6]",
        "1a1,1a2,2a1,2a2;                 [1-2]a[1-2]",
        "1,2,3;                           [1-3]",
        // a trailing number lets single hosts with text after their first number fold
        "node1-ib0,node2-ib0,node3-ib0;   node[1-3]-ib[0]",
        "gpu01-eth0,gpu02-eth0,gpu02-eth1; gpu01-eth0,gpu02-eth[0-1]",
        "r1-n7,r2-n7,r3-n7,r4-n8;         r[1-3]-n[7],r4-n8",
        "r1-n7,r2-n7;                     r1-n7,r2-n7",
        "a996b2,a1004b2;                  a996b2,a1004b2",
    })
    void folds(String hosts, String expected) {
        assertThat(compress(hosts)).isEqualTo(expected);
    }

    @Test
    void emptyCollectionGivesAnEmptyString() {
        assertThat(Hostlist.compress(List.of())).isEmpty();
    }

    @Test
    void invalidNamesAreRefused() {
        assertThatThrownBy(() -> Hostlist.compress(List.of("n1", "n[2]")))
                .isInstanceOf(HostlistException.class)
                .hasMessageStartingWith("Invalid host name \"n[2]\": character '[' is not allowed");
        assertThatThrownBy(() -> Hostlist.compress(List.of("n1", "")))
                .hasMessage("Empty host name");
    }

    @Test
    void compressedIsToStringAndReparses() {
        Hostlist list = Hostlist.parse("rack[1-2]-node[01-04],login1,n[9-11],n010");
        assertThat(list.toString()).isEqualTo(list.compressed())
                .isEqualTo("login1,n[9-11,010],rack[1-2]-node[01-04]");
        assertThat(Hostlist.parse(list.compressed())).isEqualTo(list);
    }

    @Test
    void aWholeRackFoldsToOneToken() {
        Hostlist rack = Hostlist.parse("r[01-16]n[001-128]");
        assertThat(rack.size()).isEqualTo(16 * 128);
        assertThat(rack.compressed()).isEqualTo("r[01-16]n[001-128]");
    }
}
