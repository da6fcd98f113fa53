package io.slurmops.bot.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/** The load test's per-command timings as percentiles: the bot's own time apart from the cluster's and the chat's. */
record LoadFigures(List<TimedChatHandler.Timing> timings) {

    static LoadFigures of(List<TimedChatHandler.Timing> timings) {
        synchronized (timings) {
            return new LoadFigures(List.copyOf(timings));
        }
    }

    String report() {
        StringBuilder r = new StringBuilder();
        r.append("bot's own overhead (handling minus cluster calls minus chat API calls) ms: ")
                .append(ms(timings, TimedChatHandler.Timing::ownNanos)).append(" over ").append(timings.size())
                .append(" commands\n");
        Map<String, List<TimedChatHandler.Timing>> by = new TreeMap<>();
        timings.forEach(t -> by.computeIfAbsent(t.command(), c -> new ArrayList<>()).add(t));
        by.forEach((c, l) -> r.append("  ").append(c).append(": ").append(ms(l, TimedChatHandler.Timing::ownNanos))
                .append(" n=").append(l.size()).append('\n'));
        r.append("handling thread's CPU time (whole handling, machine load does not inflate it) ms: ")
                .append(ms(timings, TimedChatHandler.Timing::cpuNanos)).append('\n');
        r.append("cluster calls (Slurm over the lab transport) ms: ")
                .append(ms(timings, TimedChatHandler.Timing::clusterNanos)).append('\n');
        r.append("chat API calls (posts and uploads to the Slack fake) ms: ")
                .append(ms(timings, TimedChatHandler.Timing::chatNanos)).append('\n');
        r.append("whole handling (Bot.handle) ms: ").append(ms(timings, TimedChatHandler.Timing::totalNanos))
                .append('\n');
        return r.toString();
    }

    long p99OwnMicros() {
        List<Long> v = sorted(timings, TimedChatHandler.Timing::ownNanos);
        return v.isEmpty() ? 0 : at(v, 0.99) / 1000;
    }

    private static String ms(List<TimedChatHandler.Timing> l, ToLongFunction<TimedChatHandler.Timing> f) {
        return percentiles(sorted(l, f), 1_000_000.0);
    }

    private static List<Long> sorted(List<TimedChatHandler.Timing> l, ToLongFunction<TimedChatHandler.Timing> f) {
        List<Long> v = new ArrayList<>();
        l.forEach(t -> v.add(f.applyAsLong(t)));
        Collections.sort(v);
        return v;
    }

    /** "p50 …, p90 …, p99 …, max …" of the values divided by {@code divisor}. */
    static String percentiles(List<Long> values, double divisor) {
        List<Long> v;
        synchronized (values) {
            v = new ArrayList<>(values);
        }
        if (v.isEmpty()) {
            return "n/a";
        }
        Collections.sort(v);
        return String.format("p50 %.1f, p90 %.1f, p99 %.1f, max %.1f", at(v, 0.50) / divisor, at(v, 0.90) / divisor,
                at(v, 0.99) / divisor, v.get(v.size() - 1) / divisor);
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * q)));
    }
}
