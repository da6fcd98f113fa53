package io.slurmops.bot.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Wall-clock times of repeated runs of one thing, in seconds; medians and tail percentiles. */
public final class Samples {

    private final String name;
    private final List<Double> seconds = new ArrayList<>();

    public Samples(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void add(double s) {
        seconds.add(s);
    }

    /** Times {@code work} once and records it. */
    public <T> T time(java.util.concurrent.Callable<T> work) throws Exception {
        long start = System.nanoTime();
        T result = work.call();
        add((System.nanoTime() - start) / 1e9);
        return result;
    }

    public int count() {
        return seconds.size();
    }

    public double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile; NaN without samples. */
    public double percentile(double p) {
        if (seconds.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public double max() {
        return percentile(100);
    }

    /** "0.123 s" below 10 s, "12.3 s" above: enough digits to compare, no false precision. */
    public static String format(double s) {
        if (Double.isNaN(s)) {
            return "n/a";
        }
        if (s < 0.01) {
            return String.format(Locale.ROOT, "%.2f ms", s * 1000);
        }
        return String.format(Locale.ROOT, s < 10 ? "%.3f s" : "%.1f s", s);
    }

    /** {@code this / other} of the medians, e.g. 0.42 (smaller is faster). */
    public double ratioTo(Samples other) {
        return median() / other.median();
    }
}
