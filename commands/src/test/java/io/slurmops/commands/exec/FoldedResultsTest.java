package io.slurmops.commands.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldedResultsTest {

    private static final List<String> ARGV = List.of("md5sum", "/etc/slurm/slurm.conf");

    private static ExecResult exited(String host, int code, String stdout, String stderr) {
        return ExecResult.exited(new HostCommand(host, ARGV, Duration.ofSeconds(5)), code, stdout, stderr,
                Duration.ofMillis(3));
    }

    private static ExecResult failed(String host, FailureKind kind, String detail) {
        return ExecResult.failed(new HostCommand(host, ARGV, Duration.ofSeconds(5)), kind, detail, "", "",
                Duration.ofMillis(3));
    }

    /** Stands in for the hostlist compressor: "node[001,002]" style, enough to see it is used. */
    private static final HostsFormatter BRACKETS = hosts -> {
        List<String> suffixes = new ArrayList<>();
        for (String host : hosts) {
            suffixes.add(host.substring(4));
        }
        return hosts.size() == 1 ? hosts.iterator().next() : "node[" + String.join(",", suffixes) + "]";
    };

    @Test
    void identicalResultsShareABlockLargestFirst() {
        List<ExecResult> results = List.of(
                exited("node001", 0, "aaaa\n", ""),
                exited("node002", 0, "bbbb\n", ""),
                exited("node003", 0, "aaaa\n", ""),
                exited("node004", 0, "aaaa\n", ""),
                exited("node005", 0, "bbbb\n", ""),
                exited("node006", 0, "cccc\n", ""));

        FoldedResults folded = FoldedResults.fold(results);

        assertThat(folded.blocks()).extracting(FoldedResults.Block::hostList)
                .containsExactly("node001,node003,node004", "node002,node005", "node006");
        assertThat(folded.blocks().get(0).header()).isEqualTo("node001,node003,node004 (3)");
        assertThat(folded.blocks().get(2).header()).isEqualTo("node006");
        assertThat(folded.allOk()).isTrue();
        assertThat(folded.summaryLines()).isEmpty();
    }

    @Test
    void sameOutputWithDifferentExitCodesDoesNotFold() {
        List<ExecResult> results = List.of(
                exited("node001", 0, "same\n", ""),
                exited("node002", 1, "same\n", ""),
                exited("node003", 0, "same\n", "warning\n"));

        assertThat(FoldedResults.fold(results).blocks()).hasSize(3);
    }

    @Test
    void tiesKeepTheOrderOfFirstAppearance() {
        List<ExecResult> results = List.of(
                exited("node009", 0, "x\n", ""),
                exited("node001", 0, "y\n", ""),
                exited("node005", 0, "z\n", ""));

        assertThat(FoldedResults.fold(results).blocks()).extracting(FoldedResults.Block::hostList)
                .containsExactly("node009", "node001", "node005");
    }

    @Test
    void summaryHasOneLinePerFailureClass() {
        List<ExecResult> results = List.of(
                exited("node001", 2, "", "oops\n"),
                exited("node002", 2, "", "oops\n"),
                exited("node003", 2, "", "other\n"),
                failed("node004", FailureKind.TIMEOUT, ""),
                failed("node005", FailureKind.REFUSED, ""),
                exited("node006", 0, "fine\n", ""),
                failed("node007", FailureKind.AUTH_FAILED, "server refused key"),
                failed("node008", FailureKind.AUTH_FAILED, "server refused key"));

        FoldedResults folded = FoldedResults.fold(results, BRACKETS);

        assertThat(folded.summaryLines()).containsExactly(
                "node[001,002,003] (3): exited with code 2",
                "node[007,008] (2): authentication failed: server refused key",
                "node004: command timeout",
                "node005: connection refused");
        assertThat(folded.allOk()).isFalse();
    }

    @Test
    void summaryDropsDetailsTheHostsDoNotShare() {
        List<ExecResult> results = List.of(
                failed("node001", FailureKind.UNREACHABLE, "no route to node001"),
                failed("node002", FailureKind.UNREACHABLE, "no route to node002"));

        assertThat(FoldedResults.fold(results, BRACKETS).summaryLines())
                .containsExactly("node[001,002] (2): host unreachable");
    }

    @Test
    void failuresWithoutOutputStillFormBlocks() {
        List<ExecResult> results = List.of(
                failed("node001", FailureKind.TIMEOUT, "killed after 1s"),
                failed("node002", FailureKind.TIMEOUT, "killed after 1s"),
                failed("node003", FailureKind.REFUSED, ""));

        List<FoldedResults.Block> blocks = FoldedResults.fold(results).blocks();

        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).hosts()).containsExactly("node001", "node002");
        assertThat(blocks.get(0).failure()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void renderLooksLikeClushGathered() {
        List<ExecResult> results = List.of(
                exited("node001", 0, "md5 aaaa\n", ""),
                exited("node002", 0, "md5 aaaa\n", ""),
                exited("node003", 1, "md5 bbbb", "drift\n"),
                failed("node004", FailureKind.REFUSED, ""));

        String text = FoldedResults.fold(results, BRACKETS).render();

        assertThat(text).isEqualTo(String.join("\n",
                "---------------",
                "node[001,002] (2)",
                "---------------",
                "md5 aaaa",
                "---------------",
                "node003",
                "---------------",
                "md5 bbbb",
                "[stderr]",
                "drift",
                "node003: exited with code 1",
                "node004: connection refused",
                ""));
    }

    @Test
    void emptyInputFoldsToNothing() {
        FoldedResults folded = FoldedResults.fold(List.of());

        assertThat(folded.blocks()).isEmpty();
        assertThat(folded.render()).isEmpty();
        assertThat(folded.allOk()).isTrue();
    }
}
