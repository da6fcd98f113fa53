package io.slurmops.bot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one benchmark measured: rows of timed samples (slurmops and the peer tool measured in the same
 * run), ratios between them, and notes. Printed as text on the terminal and as a Markdown section that
 * regenerates its block of BENCHMARKS.md.
 */
public final class BenchResult {

    /** One timed thing; {@code detail} says how (fan-out, connections, node count). */
    public record Row(String name, String detail, Samples samples) {
    }

    /** {@code numerator / denominator} of the medians, against a stated target when there is one. */
    public record Ratio(String label, double value, String target) {
    }

    private final String id;
    private final String title;
    private final String setup;
    private final List<Row> rows = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchResult(String id, String title, String setup) {
        this.id = id;
        this.title = title;
        this.setup = setup;
    }

    public String id() {
        return id;
    }

    public void row(String name, String detail, Samples samples) {
        rows.add(new Row(name, detail, samples));
    }

    public void ratio(String label, Samples numerator, Samples denominator, String target) {
        ratios.add(new Ratio(label, numerator.ratioTo(denominator), target));
    }

    public void note(String text) {
        notes.add(text);
    }

    public List<Ratio> ratios() {
        return List.copyOf(ratios);
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(title).append('\n').append(setup).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-44s %-22s median %10s  p95 %10s  (n=%d)%n", r.name(), r.detail(),
                    Samples.format(r.samples().median()), Samples.format(r.samples().percentile(95)),
                    r.samples().count()));
        }
        for (Ratio q : ratios) {
            sb.append(String.format(Locale.ROOT, "  ratio %-40s = %.3f%s%n", q.label(), q.value(),
                    q.target().isEmpty() ? "" : "   (target " + q.target() + ")"));
        }
        notes.forEach(n -> sb.append("  ").append(n).append('\n'));
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(title).append("\n\n").append(setup).append("\n\n");
        sb.append("| what | how | median | p95 | runs |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.name()).append(" | ").append(r.detail()).append(" | ")
                    .append(Samples.format(r.samples().median())).append(" | ")
                    .append(Samples.format(r.samples().percentile(95))).append(" | ")
                    .append(r.samples().count()).append(" |\n");
        }
        if (!ratios.isEmpty()) {
            sb.append('\n');
            for (Ratio q : ratios) {
                sb.append(String.format(Locale.ROOT, "- **%s = %.3f**%s%n", q.label(), q.value(),
                        q.target().isEmpty() ? "" : " (target " + q.target() + ")"));
            }
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }
}
