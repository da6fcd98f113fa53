package io.slurmops.bot.bench;

import io.slurmops.commands.hostlist.Hostlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Folding N node names into a host list expression — what every reply about many nodes does — with
 * the bot's {@link Hostlist} against {@code scontrol show hostlist} in the same run. The names come
 * in order with a gap every 97 names, as a list of down nodes would.
 */
final class HostlistBench {

    private final int names;
    private final int runs;

    HostlistBench(int names, int runs) {
        this.names = names;
        this.runs = runs;
    }

    BenchResult run() throws Exception {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; hosts.size() < names; i++) {
            if (i % 97 != 0) {                                   // gaps: the result has many ranges
                hosts.add(String.format(Locale.ROOT, "sim%05d", i));
            }
        }
        // In order, as sinfo lists them: scontrol keeps its input's order (shuffled names give it a
        // list of single hosts), while slurmops sorts; sorted input compares the same work.
        String joined = String.join(",", hosts);
        Samples ours = new Samples("Hostlist.compress");
        Samples scontrol = new Samples("scontrol show hostlist");
        String expected = Hostlist.compress(hosts);
        for (int i = 0; i < 3; i++) {
            Hostlist.compress(hosts);                             // JIT
        }
        String theirs = "";
        for (int i = 0; i < runs; i++) {
            String folded = ours.time(() -> Hostlist.compress(hosts));
            if (!folded.equals(expected)) {
                throw new IllegalStateException("Hostlist.compress is not deterministic");
            }
            ExternalTool.timed(scontrol, List.of("scontrol", "show", "hostlist", joined), Map.of());
            theirs = ExternalTool.run(List.of("scontrol", "show", "hostlist", joined), Map.of()).output().strip();
        }
        // Same hosts both ways, or the timing compares different work.
        if (!Hostlist.parse(theirs, 100_000).hosts().equals(Hostlist.parse(expected, 100_000).hosts())) {
            throw new IllegalStateException("scontrol and slurmops folded different host sets");
        }
        BenchResult result = new BenchResult("hostlist-" + names, "Host list folding of " + names + " names",
                String.format(Locale.ROOT, "%d names in order with a gap every 97, %d runs each; slurmops in-process, "
                        + "scontrol as a process (the way a script would call it).", names, runs));
        result.row("slurmops `Hostlist.compress`", names + " names", ours);
        result.row("`scontrol show hostlist`", names + " names", scontrol);
        result.ratio("slurmops / scontrol", ours, scontrol, "");
        result.note("result: `" + (expected.length() > 80 ? expected.substring(0, 77) + "…" : expected) + "` ("
                + expected.length() + " characters; scontrol's is " + theirs.length() + ")");
        return result;
    }
}
