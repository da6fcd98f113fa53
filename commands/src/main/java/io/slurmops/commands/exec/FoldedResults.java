package io.slurmops.commands.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Fan-out results folded the way {@code clush -b} does it: hosts with identical exit code, failure
 * kind, stdout and stderr share one block under a compressed host list, and every non-zero outcome
 * gets one summary line per class ("node[001-003] (3): exited with code 2").
 *
 * <p>Blocks are ordered largest first; ties keep the order in which their first host appeared.
 */
public final class FoldedResults {

    private static final String RULE = "---------------";

    private final List<Block> blocks;
    private final List<String> summaryLines;

    private FoldedResults(List<Block> blocks, List<String> summaryLines) {
        this.blocks = List.copyOf(blocks);
        this.summaryLines = List.copyOf(summaryLines);
    }

    /** Folds with a plain comma-joined host list. */
    public static FoldedResults fold(List<ExecResult> results) {
        return fold(results, HostsFormatter.COMMA_JOIN);
    }

    public static FoldedResults fold(List<ExecResult> results, HostsFormatter formatter) {
        Objects.requireNonNull(formatter, "formatter");
        Map<OutputKey, List<ExecResult>> byOutput = groupInOrder(results, OutputKey::of);
        List<Block> blocks = new ArrayList<>();
        for (Map.Entry<OutputKey, List<ExecResult>> group : byOutput.entrySet()) {
            List<String> hosts = hostsOf(group.getValue());
            OutputKey key = group.getKey();
            blocks.add(new Block(hosts, formatter.compress(hosts), key.exitCode(), key.failure(), key.stdout(),
                    key.stderr()));
        }
        blocks.sort(Comparator.comparingInt((Block b) -> b.hosts().size()).reversed()); // stable sort

        Map<OutcomeKey, List<ExecResult>> byOutcome = groupInOrder(results, OutcomeKey::of);
        List<Map.Entry<OutcomeKey, List<ExecResult>>> classes = new ArrayList<>(byOutcome.entrySet());
        classes.sort(Comparator.comparingInt((Map.Entry<OutcomeKey, List<ExecResult>> e) -> e.getValue().size())
                .reversed());
        List<String> summary = new ArrayList<>();
        for (Map.Entry<OutcomeKey, List<ExecResult>> outcomeClass : classes) {
            if (!outcomeClass.getKey().isSuccess()) {
                List<ExecResult> members = outcomeClass.getValue();
                summary.add(label(formatter.compress(hostsOf(members)), members.size()) + ": "
                        + outcomeClass.getKey().describe(sharedDetail(members)));
            }
        }
        return new FoldedResults(blocks, summary);
    }

    /** Every group of identical results, largest first, including groups without output. */
    public List<Block> blocks() {
        return blocks;
    }

    /** One line per failure class (non-zero exit code or failure kind), largest class first. */
    public List<String> summaryLines() {
        return summaryLines;
    }

    /** True when every host ran and exited 0. */
    public boolean allOk() {
        return summaryLines.isEmpty();
    }

    /**
     * Plain text as clush -b prints it: each block with output under a ruled header, then the summary
     * lines. Blocks without any output are left out; their hosts appear in the summary if they failed.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Block block : blocks) {
            if (block.stdout().isEmpty() && block.stderr().isEmpty()) {
                continue;
            }
            sb.append(RULE).append('\n').append(block.header()).append('\n').append(RULE).append('\n');
            appendWithNewline(sb, block.stdout());
            if (!block.stderr().isEmpty()) {
                sb.append("[stderr]\n");
                appendWithNewline(sb, block.stderr());
            }
        }
        for (String line : summaryLines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    /**
     * Hosts that produced the same result.
     *
     * @param hostList the hosts as the formatter compressed them
     */
    public record Block(List<String> hosts, String hostList, int exitCode, FailureKind failure, String stdout,
                        String stderr) {

        public Block {
            hosts = List.copyOf(hosts);
        }

        /** "node[001-003] (3)", or just the host when there is one. */
        public String header() {
            return label(hostList, hosts.size());
        }
    }

    /** What must be equal for two hosts to share a block. */
    private record OutputKey(int exitCode, FailureKind failure, String stdout, String stderr) {
        static OutputKey of(ExecResult r) {
            return new OutputKey(r.exitCode(), r.failure(), r.stdout(), r.stderr());
        }
    }

    /** A failure class for the summary: the kind, plus the exit code when the command ran. */
    private record OutcomeKey(FailureKind failure, int exitCode) {
        static OutcomeKey of(ExecResult r) {
            return new OutcomeKey(r.failure(), r.failure() == FailureKind.NONE ? r.exitCode() : -1);
        }

        boolean isSuccess() {
            return failure == FailureKind.NONE && exitCode == 0;
        }

        String describe(String sharedDetail) {
            if (failure == FailureKind.NONE) {
                return "exited with code " + exitCode;
            }
            return sharedDetail.isEmpty() ? failure.label() : failure.label() + ": " + sharedDetail;
        }
    }

    /** The detail all members agree on, or "" when they differ (it would only be true for some). */
    private static String sharedDetail(List<ExecResult> members) {
        String first = members.get(0).detail();
        for (ExecResult member : members) {
            if (!member.detail().equals(first)) {
                return "";
            }
        }
        return first;
    }

    private static <K> Map<K, List<ExecResult>> groupInOrder(List<ExecResult> results, Function<ExecResult, K> key) {
        Map<K, List<ExecResult>> groups = new LinkedHashMap<>();
        for (ExecResult result : results) {
            groups.computeIfAbsent(key.apply(result), k -> new ArrayList<>()).add(result);
        }
        return groups;
    }

    private static List<String> hostsOf(List<ExecResult> results) {
        List<String> hosts = new ArrayList<>(results.size());
        for (ExecResult result : results) {
            hosts.add(result.host());
        }
        return hosts;
    }

    private static String label(String hostList, int count) {
        return count > 1 ? hostList + " (" + count + ")" : hostList;
    }

    private static void appendWithNewline(StringBuilder sb, String text) {
        if (text.isEmpty()) {
            return;
        }
        sb.append(text);
        if (!text.endsWith("\n")) {
            sb.append('\n');
        }
    }
}
